"""Validated rows of one batch, held on disk until the whole input has passed.

A batch is all-or-nothing, so nothing may reach the store before the last row is
checked; holding every typed row in memory until then would make memory grow with
the input.  Rows are staged in a temporary DuckDB file instead (its memory capped, so
it spills to disk), checked there for repeats across the whole input, and handed to
the store chunk by chunk inside one transaction.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mic2025.ingest.errors import Problem
from mic2025.ingest.readers import ROW
from mic2025.ingest.validate import IDENTITY_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

STAGING_MEMORY = "256MB"
"""DuckDB's memory cap for staging; beyond it, staged rows live in the temporary file."""
TABLE = "staged"


class Staging:
    """A temporary DuckDB database with one table of typed rows (use as a context manager)."""

    def __init__(self) -> None:
        import ibis

        self._dir = Path(tempfile.mkdtemp(prefix="mic2025-staging-"))
        self.con = ibis.duckdb.connect(self._dir / "staging.duckdb")
        self.con.raw_sql(f"SET memory_limit = '{STAGING_MEMORY}'")
        self.con.raw_sql("SET enable_progress_bar = false")
        self.rows = 0

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.disconnect()
        shutil.rmtree(self._dir, ignore_errors=True)

    def append(self, typed: pa.Table) -> None:
        if typed.num_rows == 0:
            return
        # plain DuckDB SQL over the registered Arrow table: ibis 12's create_table from
        # an in-memory object renders a DROP without a name under sqlglot 30
        duck = self.con.con
        duck.register("_chunk", typed)
        verb = f"CREATE TABLE {TABLE} AS" if self.rows == 0 else f"INSERT INTO {TABLE}"
        duck.execute(f"{verb} SELECT * FROM _chunk")
        duck.unregister("_chunk")
        self.rows += typed.num_rows

    def duplicates(self, file: str, *, limit: int) -> list[Problem]:
        """The same figure twice with different values: every such row is a problem.

        Repeats with equal values are harmless and are stored once (see ``unique``).
        """
        if self.rows == 0:
            return []
        t = self.con.table(TABLE)
        groups = t.group_by(IDENTITY_COLUMNS).aggregate(_lo=t.value.min(), _hi=t.value.max(), _n=t.count())
        clashing = groups.filter((groups._n > 1) & (groups._lo != groups._hi)).select(*IDENTITY_COLUMNS)
        hits = t.semi_join(clashing, IDENTITY_COLUMNS).select(ROW, "value").order_by(ROW).limit(limit)
        reason = "the same figure appears with different values in this file"
        return [
            Problem(file, row["_row"], "value", repr(row["value"]), reason)
            for row in self.con.to_pyarrow(hits).to_pylist()
        ]

    def unique(self, *, rows: int) -> Iterator[pa.Table]:
        """The staged rows, each figure once (its first occurrence), in input order."""
        import ibis

        if self.rows == 0:
            return
        t = self.con.table(TABLE)
        first = ibis.row_number().over(group_by=IDENTITY_COLUMNS, order_by=t[ROW])
        unique = t.mutate(_k=first).filter(lambda r: r._k == 0).drop("_k").order_by(ROW)
        import pyarrow as pa

        for batch in self.con.to_pyarrow_batches(unique, chunk_size=rows):
            yield pa.Table.from_batches([batch])

    def count_unique(self) -> int:
        if self.rows == 0:
            return 0
        t = self.con.table(TABLE)
        return int(t.select(*IDENTITY_COLUMNS).distinct().count().execute())
