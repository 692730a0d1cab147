"""The Python API: one handle over the plan, the store and ingestion.

    >>> import mic2025
    >>> m = mic2025.open("mic2025.duckdb")
    >>> m.observations(indicator="broadband_penetration")          # pandas
    >>> m.observations(indicator="cnc_ratio", as_of="2021-12-31", frame="polars")

Every method returns plain frames so analysts can carry on in pandas or polars.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import polars as pl
import pyarrow as pa

from mic2025.ingest import ingest_file, ingest_frame
from mic2025.plan import Plan, default_plan, load_plan
from mic2025.store import BatchResult, ObservationStore

FrameKind = Literal["pandas", "polars", "arrow"]


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _frame(table: pa.Table, kind: FrameKind) -> pd.DataFrame | pl.DataFrame | pa.Table:
    if kind == "arrow":
        return table
    if kind == "polars":
        return pl.from_arrow(table)
    return table.to_pandas()


class Monitor:
    """A store opened together with the plan its figures are checked against."""

    def __init__(self, location: str | os.PathLike[str] | None = None, plan: Plan | str | Path | None = None):
        self.store = ObservationStore(location)
        if plan is None:
            self.plan = default_plan()
        elif isinstance(plan, Plan):
            self.plan = plan
        else:
            self.plan = load_plan(plan)

    @property
    def location(self) -> str:
        return self.store.location

    def observations(
        self,
        indicator: str | list[str] | None = None,
        area: str | list[str] | None = None,
        sector: str | list[str] | None = None,
        entity: str | list[str] | None = None,
        *,
        as_of: dt.date | str | None = None,
        all_vintages: bool = False,
        frame: FrameKind = "pandas",
        limit: int | None = None,
        offset: int = 0,
    ) -> Any:
        """Figures in force (latest vintage, or as published by ``as_of``).

        ``limit``/``offset`` page through the result in the database, in a stable order.
        """
        expr = self.store.observations_expr(
            indicator=indicator,
            area=area,
            sector=sector,
            entity=entity,
            as_of=_as_date(as_of),
            all_vintages=all_vintages,
        )
        if limit is not None or offset:
            expr = expr.limit(limit, offset=offset)
        return _frame(expr.to_pyarrow(), frame)

    def sources(self, frame: FrameKind = "pandas") -> Any:
        return _frame(self.store.sources_expr().to_pyarrow(), frame)

    def batches(self, frame: FrameKind = "pandas") -> Any:
        return _frame(self.store.batches_expr().to_pyarrow(), frame)

    def add_sources(self, rows: list[dict[str, Any]]) -> list[str]:
        return self.store.add_sources(rows)

    def ingest(
        self,
        path: str | Path,
        *,
        source: str | None = None,
        vintage: dt.date | str | None = None,
        fmt: str | None = None,
        who: str | None = None,
        origin: str | None = None,
        check: Callable[[pa.Table], None] | None = None,
    ) -> BatchResult:
        return ingest_file(
            self.store,
            self.plan,
            path,
            source=source,
            vintage=_as_date(vintage),
            fmt=fmt,
            who=who,
            origin=origin,
            check=check,
        )

    def write_observations(
        self,
        frame: pd.DataFrame | pl.DataFrame | pa.Table,
        *,
        source: str | dict[str, Any],
        origin: str,
        who: str | None = None,
        vintage: dt.date | str | None = None,
    ) -> BatchResult:
        """Validate and store rows built in Python; ``source`` may be a new source's record."""
        if isinstance(source, dict):
            self.add_sources([source])
            source = source["id"]
        return ingest_frame(
            self.store,
            self.plan,
            frame,
            origin=origin,
            source=source,
            vintage=_as_date(vintage),
            who=who,
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Monitor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open(location: str | os.PathLike[str] | None = None, plan: Plan | str | Path | None = None) -> Monitor:
    """Open (or create) a store: a DuckDB path, a postgresql:// URL, or $MIC2025_DB."""
    return Monitor(location, plan)
