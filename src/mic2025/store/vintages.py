"""Vintage selection: the latest figure, or the one in force on a past date.

Written as Ibis expressions so the same rule runs on DuckDB and PostgreSQL.  Among rows
of one series key, the latest vintage wins; a tie between two sources published the same
day is broken by the later batch, then by source id, so the choice is deterministic.
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from mic2025.store.schema import SERIES_KEY


def in_force(observations: ir.Table, batches: ir.Table, as_of: dt.date | None) -> ir.Table:
    """One row per series key: the latest vintage published on or before ``as_of``."""
    rows = observations
    if as_of is not None:
        rows = rows.filter(rows.vintage <= ibis.literal(as_of, type="date"))
    loaded = batches.select(_batch_id=batches.id, _loaded_at=batches.loaded_at)
    columns = rows.columns
    rows = rows.left_join(loaded, rows.batch == loaded._batch_id).select(*columns, "_loaded_at")
    window = ibis.window(
        group_by=[rows[c] for c in SERIES_KEY],
        order_by=[ibis.desc(rows.vintage), ibis.desc(rows._loaded_at), ibis.desc(rows.source)],
    )
    ranked = rows.mutate(_rank=ibis.row_number().over(window))
    return ranked.filter(ranked._rank == 0).drop("_rank", "_loaded_at")
