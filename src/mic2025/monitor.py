"""The Python handle: one object over the plan, the store and ingestion.

    >>> import mic2025
    >>> m = mic2025.init("mic2025.duckdb")                        # create, load bundled data
    >>> m = mic2025.open("mic2025.duckdb")                        # an existing store
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
from mic2025.ingest.pipeline import DEFAULT_MAX_PROBLEMS
from mic2025.plan import Plan, default_plan, load_plan
from mic2025.store import BatchResult, ObservationStore
from mic2025.store.connection import DEFAULT_WAIT_SECONDS

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
    """A store opened together with the plan its figures are checked against.

    Parameters
    ----------
    location
        DuckDB file, ``postgresql://`` URL, or None for ``$MIC2025_DB`` / the per-user
        default store.
    plan
        A :class:`~mic2025.plan.Plan`, a plan file or directory, or None for the
        built-in *Made in China 2025* plan.
    read_only
        Open for reading only (any number of readers may share a DuckDB file).
    create
        Make the store if it does not exist; otherwise a missing store is an error.
    wait
        Seconds to wait for a DuckDB file another process holds.
    on_wait
        Told once, with a message, when waiting begins.
    """

    def __init__(
        self,
        location: str | os.PathLike[str] | None = None,
        plan: Plan | str | Path | None = None,
        *,
        read_only: bool = False,
        create: bool = False,
        wait: float = DEFAULT_WAIT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
    ):
        if plan is None:
            self.plan = default_plan()
        elif isinstance(plan, Plan):
            self.plan = plan
        else:
            self.plan = load_plan(plan)
        self.store = ObservationStore(
            location, read_only=read_only, create=create, wait=wait, on_wait=on_wait
        )
        self.last_init: list[tuple[str, BatchResult]] = []

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

    def conflicts(self, *, as_of: dt.date | str | None = None, frame: FrameKind = "pandas") -> Any:
        """Figures that sources give differently, one row per source, ``headline`` marking
        the one read as *the* figure (rule: :mod:`mic2025.store.vintages`)."""
        return _frame(self.store.conflicts_expr(as_of=_as_date(as_of)).to_pyarrow(), frame)

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
        max_problems: int = DEFAULT_MAX_PROBLEMS,
    ) -> BatchResult:
        """Validate a file and store it as one batch (all rows or none); see :func:`ingest_file`.

        Parameters
        ----------
        source, vintage
            Defaults for rows without a ``source`` / ``vintage``.
        fmt
            Format name (``csv``, ``sdmx-csv``, ``excel``, ``parquet``); else detected.
        max_problems
            Stop reading a bad file after this many problems.
        """
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
            max_problems=max_problems,
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


def open(
    location: str | os.PathLike[str] | None = None,
    plan: Plan | str | Path | None = None,
    *,
    read_only: bool = False,
    create: bool = False,
    wait: float = DEFAULT_WAIT_SECONDS,
) -> Monitor:
    """Open a store: a DuckDB path, a postgresql:// URL, or $MIC2025_DB / the per-user default.

    Parameters
    ----------
    location, plan
        See :class:`Monitor`.
    read_only
        Open for reading only.
    create
        Make an empty store when none exists (``init`` also loads the bundled data).
    wait
        Seconds to wait for a DuckDB file another process holds.

    Raises
    ------
    mic2025.store.StoreNotFound
        No store at ``location`` and ``create`` is false.
    """
    return Monitor(location, plan, read_only=read_only, create=create, wait=wait)


def init(
    location: str | os.PathLike[str] | None = None,
    plan: Plan | str | Path | None = None,
    *,
    bundled: bool = True,
) -> Monitor:
    """Create the store if needed, bring its tables up to date and load the bundled data.

    Loading is idempotent: figures already stored are counted, not copied again.
    """
    monitor = Monitor(location, plan, create=True)
    if bundled:
        from mic2025.ingest.bundled import load_bundled

        monitor.last_init = load_bundled(monitor.store, monitor.plan)
    return monitor
