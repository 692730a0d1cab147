"""``mic2025 ingest`` and ``mic2025 init``: put figures into the store."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from mic2025.cli.common import DbOption, PlanOption, console, err_console, fail, parse_date
from mic2025.ingest.errors import IngestError
from mic2025.ingest.pipeline import ingest_file
from mic2025.store import BatchResult

if TYPE_CHECKING:
    from mic2025.api import Monitor

PROGRESS_MIN_BYTES = 2_000_000
"""Files above this size take more than about a second: show progress for them."""


def ingest(
    path: Annotated[Path, typer.Argument(help="CSV, Excel (.xlsx), Parquet or SDMX-CSV file")],
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Source id for rows without one")
    ] = None,
    vintage: Annotated[
        str | None, typer.Option("--vintage", help="Publication date for rows without one (YYYY-MM-DD)")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="csv, sdmx-csv, excel or parquet [default: from the file]")
    ] = None,
    errors_out: Annotated[
        Path | None, typer.Option("--errors-out", help="Write the problem report to this CSV")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display")] = False,
    db: DbOption = None,
    plan_path: PlanOption = None,
) -> None:
    """Validate a file and store it as one batch: all rows or none."""
    import mic2025

    when = parse_date(vintage, "--vintage")
    show = not quiet and path.exists() and path.stat().st_size >= PROGRESS_MIN_BYTES
    started = time.perf_counter()
    with mic2025.open(db, plan=plan_path) as monitor:
        try:
            if show:
                with Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}"),
                    TimeElapsedColumn(),
                    console=err_console,
                    transient=True,
                ) as progress:
                    task = progress.add_task(f"{path.name}: starting")
                    result = _ingest_with_stages(monitor, path, source, when, fmt, progress, task)
            else:
                result = monitor.ingest(path, source=source, vintage=when, fmt=fmt)
        except IngestError as exc:
            if errors_out is not None:
                exc.to_frame().to_csv(errors_out, index=False)
                err_console.print(f"problem report written to {errors_out}")
            fail(str(exc), code=1)
    seconds = time.perf_counter() - started
    if result.already_loaded:
        console.print(f"{path}: already loaded as batch {result.batch}; nothing added")
    else:
        console.print(
            f"{path}: batch {result.batch}: {result.rows_read} rows read, "
            f"{result.rows_added} added, {result.rows_unchanged} already stored ({seconds:.2f} s)"
        )


def _ingest_with_stages(
    monitor: Monitor,
    path: Path,
    source: str | None,
    vintage: dt.date | None,
    fmt: str | None,
    progress: Progress,
    task: TaskID,
) -> BatchResult:
    """Ingest while the progress line names the stage (read, validate, write)."""

    def stage(name: str) -> None:
        progress.update(task, description=f"{path.name}: {name}")

    return ingest_file(
        monitor.store, monitor.plan, path, source=source, vintage=vintage, fmt=fmt, on_stage=stage
    )


def init(db: DbOption = None) -> None:
    """Create the store (if needed) and load the bundled real data into it."""
    import mic2025
    from mic2025.ingest.bundled import load_bundled

    with mic2025.open(db) as monitor:
        try:
            results = load_bundled(monitor.store, monitor.plan)
        except IngestError as exc:
            fail(str(exc), code=1)
        for name, result in results:
            console.print(f"{name}: {result.rows_added} added, {result.rows_unchanged} already stored")
        console.print(f"store ready: {monitor.location}")
