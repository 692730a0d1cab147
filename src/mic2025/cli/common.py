"""Pieces every command shares: options, opening the store, output formats, errors.

Kept light on purpose: nothing here imports pandas, Ibis or the engine at module
level, because every command (and ``mic2025 --help``) loads this module at start-up.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from mic2025.languages import CODES, normalise
from mic2025.store.connection import ENV_DB, STORE_FILE

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    from mic2025.monitor import Monitor

CLI_WIDTH = 100
"""Width of tables written to a file or a pipe: what a terminal shows by default."""


def _db_help() -> str:
    return (
        f"Store: a DuckDB file or a postgresql:// URL  \\[default: ${ENV_DB}, else "
        f"{STORE_FILE} in your user data folder, e.g. ~/.local/share/mic2025/{STORE_FILE}]"
    )


def language_value(value: str | None) -> str | None:
    """A ``--lang`` value in any case as its code; an unknown one is a usage error."""
    if value is None:
        return None
    try:
        return normalise(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar=ENV_DB, metavar="PATH|URL", help=_db_help(), show_default=False),
]
PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        metavar="PATH",
        help="A plan file or directory of your own (see `mic2025 plan check`)  \\[default: built-in plan]",
        show_default=False,
    ),
]
LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG",
        callback=language_value,
        help=f"Language: {', '.join(CODES)} (any case)",
    ),
]
MilestoneOption = Annotated[
    int | None,
    typer.Option(
        "--milestone",
        metavar="YEAR",
        help="2020 (mid-term) or 2025 (final)  \\[default: every target]",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Only figures published by this date, YYYY-MM-DD  \\[default: everything published]",
        show_default=False,
    ),
]
AreaOption = Annotated[
    str | None,
    typer.Option(
        "--area",
        "-a",
        metavar="CODE",
        help="One area: CN or a province code such as CN-GD  \\[default: CN and every province]",
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="FILE",
        help="Write to this file; its extension sets the format unless --format says otherwise",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"
    xlsx = "xlsx"


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format  \\[default: from --out's extension, else table]",
        show_default=False,
    ),
]

SUFFIX_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".txt": "table",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def output_format(fmt: str | None, out: Path | None, allowed: tuple[str, ...], default: str) -> str:
    """The format to write: ``--format``, else ``--out``'s extension, else ``default``.

    A contradiction (``--format csv --out r.pdf``) or an unsupported choice is an error,
    never a file whose name lies about its content.
    """
    guessed = SUFFIX_FORMATS.get(out.suffix.lower()) if out is not None else None
    chosen = str(fmt) if fmt is not None else (guessed or default)
    if chosen not in allowed:
        fail(f"format {chosen!r} is not available here; use one of {', '.join(allowed)}")
    if fmt is not None and guessed is not None and guessed != chosen:
        fail(f"--format {chosen} does not match the extension of --out {out}")
    return chosen


def console(stderr: bool = False) -> Console:
    """A rich console; tables written to a pipe keep a readable 100 columns."""
    from rich.console import Console

    width = None if (sys.stderr if stderr else sys.stdout).isatty() else CLI_WIDTH
    return Console(stderr=stderr, width=width)


def say(message: str) -> None:
    """A note for the person at the terminal (stderr, so piped output stays clean)."""
    console(stderr=True).print(message, highlight=False)


def fail(message: str, code: int = 2) -> NoReturn:
    console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def open_monitor(
    db: str | None, plan: Path | None = None, *, write: bool = False, create: bool = False
) -> Iterator[Monitor]:
    """The store and plan for one command, with every opening problem as a clean error.

    Read commands open the store read-only, so they work while ``mic2025 serve`` or
    another reader has it; write commands wait their turn and say so.
    """
    from mic2025.monitor import Monitor
    from mic2025.plan.loader import PlanFileError
    from mic2025.store.connection import StoreBusy, StoreNotFound
    from mic2025.store.schema import OutdatedStore

    try:
        monitor = Monitor(db, plan, read_only=not (write or create), create=create, on_wait=say)
    except (StoreNotFound, StoreBusy, OutdatedStore, PlanFileError) as exc:
        fail(str(exc), code=1)
    except OSError as exc:
        fail(f"cannot open the store: {exc}", code=1)
    try:
        yield monitor
    finally:
        monitor.close()


def parse_date(value: str | None, option: str) -> dt.date | None:
    """An ISO date given on the command line, or a clear error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date YYYY-MM-DD, got {value!r}")


MILESTONES = (2020, 2025)


def check_milestone(milestone: int | None) -> int | None:
    if milestone is not None and milestone not in MILESTONES:
        fail("--milestone must be 2020 or 2025")
    return milestone


def language(lang: str) -> str:
    """The canonical language code, else a clear error listing the supported ones."""
    try:
        return normalise(lang)
    except ValueError as exc:
        fail(str(exc))


def emit(frame: pd.DataFrame, fmt: str, out: Path | None = None, title: str = "") -> None:
    """Print or write a frame; parquet and xlsx need --out.  Text cells that a
    spreadsheet would run as a formula are neutralised in csv and xlsx."""
    from mic2025.exports import write_frame

    if fmt in ("parquet", "xlsx") and out is None:
        fail(f"--format {fmt} needs --out FILE")
    if fmt == "table":
        table = rich_table(frame, title)
        if out is None:
            console().print(table)
            return
        from rich.console import Console

        with out.open("w", encoding="utf-8") as handle:
            Console(file=handle, width=CLI_WIDTH).print(table)
    else:
        text = write_frame(frame, fmt, out)
        if out is None:
            sys.stdout.write(text or "")
            return
    say(f"wrote {len(frame)} rows to {out}")


def rich_table(frame: pd.DataFrame, title: str = "") -> Table:
    import pandas as pd
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, header_style="bold")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if _missing(v) else _show(v) for v in row))
    return table


def _missing(value: object) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0", "false", "no")
