"""Table layouts of the observation store, written once as Ibis schemas.

One row of ``observations`` is one published figure.  Its identity is
(indicator, area, sector, entity, period, source, vintage): a revision arrives as a
new vintage and the old row stays, so any past evaluation can be rerun as it was.
"""

from __future__ import annotations

import ibis
import ibis.expr.datatypes as dt

OBSERVATIONS = "observations"
SOURCES = "sources"
BATCHES = "batches"

SERIES_KEY: tuple[str, ...] = ("indicator", "area", "sector", "entity", "period")
"""Columns that name one figure; vintages of it compete for 'latest'."""

IDENTITY: tuple[str, ...] = (*SERIES_KEY, "source", "vintage")
"""Columns that make a stored row unique; loading the same identity twice adds nothing."""

OBSERVATION_SCHEMA = ibis.schema(
    {
        "indicator": dt.String(nullable=False),
        "area": dt.String(nullable=False),
        "sector": dt.String(nullable=False),
        "entity": dt.String(nullable=False),
        "period": dt.String(nullable=False),
        "value": dt.Float64(nullable=False),
        "unit": dt.String(nullable=False),
        "status": dt.String(nullable=False),
        "source": dt.String(nullable=False),
        "vintage": dt.Date(nullable=False),
        "batch": dt.String(nullable=False),
        "note": dt.String(),
        # sampling error of survey-based estimates (microdata); empty for published figures
        "std_error": dt.Float64(),
        "ci_low": dt.Float64(),
        "ci_high": dt.Float64(),
        "n_units": dt.Int64(),
    }
)

SOURCE_SCHEMA = ibis.schema(
    {
        "id": dt.String(nullable=False),
        "publisher": dt.String(),
        "title": dt.String(nullable=False),
        "table": dt.String(),
        "url": dt.String(),
        "licence": dt.String(),
        "published": dt.Date(),
        "retrieved": dt.Date(),
        "note": dt.String(),
        "synthetic": dt.Boolean(),
    }
)

BATCH_SCHEMA = ibis.schema(
    {
        "id": dt.String(nullable=False),
        "origin": dt.String(nullable=False),
        "sha256": dt.String(),
        "format": dt.String(),
        "source": dt.String(),
        "who": dt.String(),
        "loaded_at": dt.Timestamp(),
        "rows_read": dt.Int64(),
        "rows_added": dt.Int64(),
        "rows_unchanged": dt.Int64(),
    }
)

SCHEMAS = {OBSERVATIONS: OBSERVATION_SCHEMA, SOURCES: SOURCE_SCHEMA, BATCHES: BATCH_SCHEMA}

OBSERVATION_COLUMNS: tuple[str, ...] = tuple(OBSERVATION_SCHEMA.names)
