"""Validated rows of one batch, held until the whole input has passed.

A batch is all-or-nothing, so nothing may reach the store before the last row is
checked.  Typed rows are held in memory up to ``MEMORY_BUDGET`` bytes (most inputs,
and a million-row file, stay there: no extra copy, one pass); beyond it they spill to
a temporary DuckDB file whose own memory is capped, so memory stays bounded however
large the input.  Either way the rows are checked for repeats across the whole input
and handed to the store in chunks inside one transaction.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mic2025.ingest.errors import Problem
from mic2025.ingest.readers import ROW
from mic2025.ingest.validate import IDENTITY_COLUMNS

if TYPE_CHECKING:
    import ibis
    import pyarrow as pa

MEMORY_BUDGET = int(os.environ.get("MIC2025_STAGING_MEMORY_BYTES", 256 * 2**20))
"""Typed rows kept in memory before staging spills to disk (``MIC2025_STAGING_MEMORY_BYTES``)."""
SPILL_MEMORY = "256MB"
"""DuckDB's memory cap for the spill file; beyond it DuckDB itself pages to disk."""
TABLE = "staged"


class Staging:
    """Typed rows of one input (use as a context manager)."""

    def __init__(self) -> None:
        self._held: list[pa.Table] = []
        self._bytes = 0
        self._dir: Path | None = None
        self._spill: ibis.BaseBackend | None = None
        self._repeats: bool | None = None  # known after duplicates(): any figure twice?
        self.rows = 0

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._held = []
        if self._spill is not None:
            self._spill.disconnect()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)

    @property
    def spilled(self) -> bool:
        return self._spill is not None

    def append(self, typed: pa.Table) -> None:
        if typed.num_rows == 0:
            return
        self.rows += typed.num_rows
        if self._spill is None and self._bytes + typed.nbytes <= MEMORY_BUDGET:
            self._held.append(typed)
            self._bytes += typed.nbytes
            return
        if self._spill is None:
            self._start_spill()
        self._insert(typed)

    def _start_spill(self) -> None:
        import ibis

        self._dir = Path(tempfile.mkdtemp(prefix="mic2025-staging-"))
        self._spill = ibis.duckdb.connect(self._dir / "staging.duckdb")
        self._spill.raw_sql(f"SET memory_limit = '{SPILL_MEMORY}'")
        self._spill.raw_sql("SET enable_progress_bar = false")
        held, self._held, self._bytes = self._held, [], 0
        self._created = False
        for table in held:
            self._insert(table)

    def _insert(self, typed: pa.Table) -> None:
        # plain DuckDB SQL over the registered Arrow table: ibis 12's create_table from
        # an in-memory object renders a DROP without a name under sqlglot 30
        duck = self._spill.con  # type: ignore[union-attr]
        duck.register("_chunk", typed)
        verb = f"INSERT INTO {TABLE}" if getattr(self, "_created", False) else f"CREATE TABLE {TABLE} AS"
        duck.execute(f"{verb} SELECT * FROM _chunk")
        duck.unregister("_chunk")
        self._created = True

    def _table(self) -> tuple[ibis.BaseBackend, ibis.Table]:
        """The staged rows as an Ibis table, and the backend that holds them."""
        import ibis
        import pyarrow as pa

        if self._spill is not None:
            return self._spill, self._spill.table(TABLE)
        con = ibis.duckdb.connect()
        con.raw_sql("SET enable_progress_bar = false")
        return con, ibis.memtable(pa.concat_tables(self._held))

    def duplicates(self, file: str, *, limit: int) -> list[Problem]:
        """The same figure twice with different values: every such row is a problem.

        Repeats with equal values are harmless and are stored once (see ``unique``).
        """
        if self.rows == 0:
            return []
        con, t = self._table()
        groups = t.group_by(IDENTITY_COLUMNS).aggregate(_lo=t.value.min(), _hi=t.value.max(), _n=t.count())
        repeated = con.to_pyarrow(groups.filter(groups._n > 1))
        self._repeats = repeated.num_rows > 0
        if not self._repeats:
            return []
        import ibis

        clashing = ibis.memtable(repeated).filter(lambda g: g._lo != g._hi).select(*IDENTITY_COLUMNS)
        hits = t.semi_join(clashing, IDENTITY_COLUMNS).select(ROW, "value").order_by(ROW).limit(limit)
        reason = "the same figure appears with different values in this file"
        return [
            Problem(file, row["_row"], "value", repr(row["value"]), reason)
            for row in con.to_pyarrow(hits).to_pylist()
        ]

    def unique(self, *, rows: int) -> Iterator[pa.Table]:
        """The staged rows, each figure once (its first occurrence), in input order."""
        import ibis
        import pyarrow as pa

        if self.rows == 0:
            return
        if self._repeats is False and self._spill is None:  # nothing twice: the rows as read
            for table in self._held:
                for start in range(0, table.num_rows, rows):
                    yield table.slice(start, rows)
            return
        con, t = self._table()
        first = ibis.row_number().over(group_by=IDENTITY_COLUMNS, order_by=t[ROW])
        unique = t.mutate(_k=first).filter(lambda r: r._k == 0).drop("_k").order_by(ROW)
        if self._spill is None:
            table = con.to_pyarrow(unique)
            for start in range(0, table.num_rows, rows):
                yield table.slice(start, rows)
            return
        for batch in con.to_pyarrow_batches(unique, chunk_size=rows):
            yield pa.Table.from_batches([batch])
