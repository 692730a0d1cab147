"""``mic2025 ingest`` and ``mic2025 init``: put figures into the store."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mic2025.cli.common import DbOption, PlanOption, fail, open_monitor, parse_date, say
from mic2025.ingest.readers import FORMAT_NAMES

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from mic2025.monitor import Monitor
    from mic2025.store import BatchResult

PROGRESS_MIN_BYTES = 2_000_000
"""Files above this size take more than about a second: show progress for them."""


PathArgument = Annotated[
    Path, typer.Argument(metavar="FILE", help=f"A file to load: {', '.join(FORMAT_NAMES)}")
]
SourceOption = Annotated[
    str | None,
    typer.Option("--source", "-s", metavar="ID", help="Source id for rows without one", show_default=False),
]
VintageOption = Annotated[
    str | None,
    typer.Option(
        "--vintage",
        metavar="DATE",
        help="Publication date for rows without one (YYYY-MM-DD)",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help=f"One of {', '.join(FORMAT_NAMES)}  \\[default: from the file's name and content]",
        show_default=False,
    ),
]
ErrorsOutOption = Annotated[
    Path | None,
    typer.Option(
        "--errors-out", metavar="FILE", help="Write the problem report to this CSV", show_default=False
    ),
]
MaxProblemsOption = Annotated[
    int,
    typer.Option("--max-problems", metavar="N", help="Stop reading a bad file after this many problems"),
]


def ingest(
    path: PathArgument,
    source: SourceOption = None,
    vintage: VintageOption = None,
    fmt: FormatOption = None,
    errors_out: ErrorsOutOption = None,
    max_problems: MaxProblemsOption = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display")] = False,
    db: DbOption = None,
    plan_path: PlanOption = None,
) -> None:
    """Validate a file and store it as one batch: all rows or none."""
    from mic2025.ingest.errors import IngestError

    when = parse_date(vintage, "--vintage")
    show = not quiet and path.is_file() and path.stat().st_size >= PROGRESS_MIN_BYTES
    started = time.perf_counter()
    with open_monitor(db, plan_path, write=True) as monitor:
        try:
            result = _run(monitor, path, source, when, fmt, max_problems, show=show)
        except IngestError as exc:
            if errors_out is not None:
                from mic2025.exports import write_frame

                write_frame(exc.to_frame(), "csv", errors_out)
                say(f"problem report written to {errors_out}")
            fail(str(exc), code=1)
    seconds = time.perf_counter() - started
    if result.already_loaded:
        say(f"{path}: already loaded as batch {result.batch}; nothing added")
        return
    say(
        f"{path}: batch {result.batch}: {result.rows_read} rows read, "
        f"{result.rows_added} added, {result.rows_unchanged} already stored ({seconds:.2f} s)"
    )
    for line in result.warnings:
        say(f"[yellow]note:[/] {line}")


def _run(
    monitor: Monitor,
    path: Path,
    source: str | None,
    vintage: dt.date | None,
    fmt: str | None,
    max_problems: int,
    *,
    show: bool,
) -> BatchResult:
    """Ingest, with a progress line naming the stage (read, validate, write) for big files."""
    from mic2025.ingest.pipeline import ingest_file

    def run(stage: object) -> BatchResult:
        return ingest_file(
            monitor.store,
            monitor.plan,
            path,
            source=source,
            vintage=vintage,
            fmt=fmt,
            max_problems=max_problems,
            on_stage=stage,  # type: ignore[arg-type]
        )

    if not show:
        return run(lambda _: None)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from mic2025.cli.common import console

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"{path.name}: starting")
        return run(_stage_reporter(progress, task, path))


def _stage_reporter(progress: Progress, task: TaskID, path: Path) -> object:
    def stage(name: str) -> None:
        progress.update(task, description=f"{path.name}: {name}")

    return stage


def init(
    db: DbOption = None,
    no_data: Annotated[
        bool, typer.Option("--no-data", help="Create an empty store without the bundled figures")
    ] = False,
) -> None:
    """Create the store (if needed), bring it up to date and load the bundled real data."""
    from mic2025.ingest.errors import IngestError

    with open_monitor(db, create=True) as monitor:
        if not no_data:
            from mic2025.ingest.bundled import load_bundled

            try:
                results = load_bundled(monitor.store, monitor.plan)
            except IngestError as exc:
                fail(str(exc), code=1)
            for name, result in results:
                say(f"{name}: {result.rows_added} added, {result.rows_unchanged} already stored")
        say(f"store ready: {monitor.location}")
