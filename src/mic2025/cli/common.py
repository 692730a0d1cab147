"""Pieces every command shares: the --db option, output formats, error display."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from mic2025.i18n import check_language

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="MIC2025_DB",
        help="Store: a DuckDB file path or a postgresql:// URL [default: ./mic2025.duckdb]",
        show_default=False,
    ),
]
PlanOption = Annotated[
    Path | None,
    typer.Option("--plan", help="A plan file or directory of your own [default: built-in plan]"),
]
LangOption = Annotated[str, typer.Option("--lang", help="Language: en, zh-Hans, zh-Hant, ja, ko")]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format")]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write to this file instead of the screen")
]


def emit(frame: pd.DataFrame, fmt: OutputFormat, out: Path | None = None, title: str = "") -> None:
    """Print or write a frame in the chosen format; parquet needs --out."""
    if fmt is OutputFormat.parquet:
        if out is None:
            fail("--format parquet needs --out FILE")
        frame.to_parquet(out, index=False)
        err_console.print(f"wrote {len(frame)} rows to {out}")
        return
    if fmt is OutputFormat.csv:
        text = frame.to_csv(index=False)
    elif fmt is OutputFormat.json:
        text = json.dumps(_records(frame), ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        if out is not None:
            buffer = io.StringIO()
            Console(file=buffer, width=200).print(rich_table(frame, title))
            text = buffer.getvalue()
        else:
            console.print(rich_table(frame, title))
            return
    if out is not None:
        out.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {len(frame)} rows to {out}")
    else:
        sys.stdout.write(text)


def _records(frame: pd.DataFrame) -> list[dict]:
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def rich_table(frame: pd.DataFrame, title: str = "") -> Table:
    table = Table(title=title or None, show_lines=False, header_style="bold")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if _missing(v) else _show(v) for v in row))
    return table


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def fail(message: str, code: int = 2) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


MilestoneOption = Annotated[
    int | None,
    typer.Option("--milestone", help="2020 (mid-term) or 2025 (final); all targets if omitted"),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Only figures published by this date (YYYY-MM-DD)")
]
MILESTONES = (2020, 2025)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """An ISO date given on the command line, or a clear error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date YYYY-MM-DD, got {value!r}")
        raise  # unreachable: fail exits


def check_milestone(milestone: int | None) -> int | None:
    if milestone is not None and milestone not in MILESTONES:
        fail("--milestone must be 2020 or 2025")
    return milestone


def language(lang: str) -> str:
    """The language if supported, else a clear error listing the supported ones."""
    try:
        return check_language(lang)
    except ValueError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits
