"""Open the store's database through Ibis: a DuckDB file (default) or a PostgreSQL URL.

All reads are Ibis expressions, so the same code runs on both engines.  Writes need a
transaction around several statements; Ibis has no portable transaction API, so the one
thing done per engine here is BEGIN / COMMIT / ROLLBACK on the backend's connection.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import ibis
from ibis.backends import BaseBackend

from mic2025.store.schema import SCHEMAS

DEFAULT_DB = "mic2025.duckdb"
ENV_DB = "MIC2025_DB"


def resolve_location(location: str | os.PathLike[str] | None) -> str:
    """Where the store lives: the argument, else $MIC2025_DB, else ./mic2025.duckdb."""
    if location is None:
        location = os.environ.get(ENV_DB) or DEFAULT_DB
    return str(location)


def is_postgres(location: str) -> bool:
    return location.startswith(("postgres://", "postgresql://"))


def connect(location: str) -> BaseBackend:
    """An Ibis backend for the location, with the store's tables created if missing."""
    if is_postgres(location):
        con = ibis.connect(location)
    else:
        path = Path(location)
        if location != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        con = ibis.duckdb.connect(location)
        con.raw_sql("SET enable_progress_bar = false")  # our own progress display speaks
    existing = set(con.list_tables())
    for name, schema in SCHEMAS.items():
        if name not in existing:
            con.create_table(name, schema=schema)
    return con


@contextmanager
def transaction(con: BaseBackend) -> Iterator[None]:
    """All statements inside commit together or not at all (also on kill -9).

    DuckDB keeps a write-ahead log and PostgreSQL its own: an uncommitted transaction
    is simply absent after a crash, which is what makes a batch all-or-nothing.
    """
    con.raw_sql("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.raw_sql("ROLLBACK")
        raise
    con.raw_sql("COMMIT")
