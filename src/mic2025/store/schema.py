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
        # empty, or the figure is a bound or approximate: > >= < <= ~ ("超1.6%" is > 1.6)
        "qualifier": dt.String(),
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
        # official_primary, official_reprint, secondary or weak (data/SOURCES.md)
        "grade": dt.String(),
        # the title and publisher as the source itself writes them (中国统计年鉴...),
        # shown to readers in place of an English rendering where known
        "title_original": dt.String(),
        "publisher_original": dt.String(),
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
        # review before publication (mic2025.store.review): pending, approved or
        # rejected; empty on batches written before review existed, read as approved
        "review": dt.String(),
        "reviewed_by": dt.String(),
        "reviewed_at": dt.Timestamp(),
    }
)

TOKENS = "api_tokens"
TOKEN_SCHEMA = ibis.schema(
    {
        "name": dt.String(nullable=False),
        "sha256": dt.String(nullable=False),
        "scopes": dt.String(nullable=False),  # space-separated
        "created_at": dt.Timestamp(),
        "revoked": dt.Boolean(),
        "expires_at": dt.Timestamp(),  # empty: never expires
    }
)

AUDIT = "audit_log"
AUDIT_SCHEMA = ibis.schema(
    {
        "id": dt.String(nullable=False),  # sortable: time, then a random tail
        "at": dt.Timestamp(nullable=False),
        "actor": dt.String(nullable=False),
        "action": dt.String(nullable=False),
        "target": dt.String(),
        "detail": dt.String(),
    }
)

SCHEMAS = {
    OBSERVATIONS: OBSERVATION_SCHEMA,
    SOURCES: SOURCE_SCHEMA,
    BATCHES: BATCH_SCHEMA,
    TOKENS: TOKEN_SCHEMA,
    AUDIT: AUDIT_SCHEMA,
}

OBSERVATION_COLUMNS: tuple[str, ...] = tuple(OBSERVATION_SCHEMA.names)


POSTGRES_INDEXES = {
    "observations_series": f"{OBSERVATIONS} (indicator, area, period, sector, entity)",
    "observations_batch": f"{OBSERVATIONS} (batch)",
    "batches_review": f"{BATCHES} (review)",
}
"""Indexes a PostgreSQL store keeps (DuckDB scans fast enough and inserts faster without)."""


class OutdatedStore(RuntimeError):
    """A store made by an older mic2025, opened read-only so it cannot be upgraded."""


def ensure_schema(con: ibis.BaseBackend, location: str, *, writable: bool, create: bool) -> None:
    """Create missing tables (new store) and add columns a newer mic2025 introduced.

    Adding a nullable column is the only migration there is: old rows read as empty
    (no qualifier, no grade), which is what they meant.  A read-only opening cannot
    migrate, so it names the command that does.
    """
    existing = set(con.list_tables())
    if OBSERVATIONS not in existing and not create:
        from mic2025.store.connection import StoreNotFound

        raise StoreNotFound(location)
    for name, schema in SCHEMAS.items():
        if name not in existing:
            if not writable:
                raise OutdatedStore(_outdated(location))
            con.create_table(name, schema=schema)
            continue
        have = set(con.get_schema(name).names)
        missing = [(c, t) for c, t in schema.items() if c not in have]
        if missing and not writable:
            raise OutdatedStore(_outdated(location))
        for column, dtype in missing:
            con.raw_sql(f'ALTER TABLE {name} ADD COLUMN "{column}" {_sql_type(dtype)}')
    if writable and location.startswith(("postgres://", "postgresql://")):
        # a write checks its few rows against the stored ones (same figure, same batch):
        # with these, each check is an index lookup instead of a scan of the table
        cursor = con.raw_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            " UNION ALL SELECT rulename FROM pg_rules WHERE schemaname = current_schema()"
        )
        have = {r[0] for r in cursor.fetchall()}
        cursor.close()
        for name, columns in POSTGRES_INDEXES.items():
            if name not in have:
                _racing(con, f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")
        # the audit log is append-only for every client of the database, not just ours
        for verb in ("UPDATE", "DELETE"):
            rule = f"{AUDIT}_no_{verb.lower()}"
            if rule not in have:
                _racing(con, f"CREATE RULE {rule} AS ON {verb} TO {AUDIT} DO INSTEAD NOTHING")


def _racing(con: ibis.BaseBackend, sql: str) -> None:
    """Run a CREATE that another process (a sibling worker starting) may run at the same
    moment; losing that race is fine, the object exists."""
    try:
        con.raw_sql(sql)
    except Exception as exc:
        if "already exists" not in str(exc) and "duplicate key" not in str(exc):
            raise


def _sql_type(dtype: dt.DataType) -> str:
    if dtype.is_string():
        return "VARCHAR"
    if dtype.is_boolean():
        return "BOOLEAN"
    if dtype.is_timestamp():
        return "TIMESTAMP"
    if dtype.is_integer():
        return "BIGINT"
    return "DOUBLE"


def _outdated(location: str) -> str:
    return f"the store at {location} was made by an older mic2025: run `mic2025 init --db {location}` once"
