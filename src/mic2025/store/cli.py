"""``mic2025 observations``, ``mic2025 sources`` and ``mic2025 batches``: read the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mic2025.cli.common import (
    AsOfOption,
    DbOption,
    FormatOption,
    OutOption,
    emit,
    fail,
    open_monitor,
    output_format,
    parse_date,
    say,
)

sources_app = typer.Typer(help="Sources every figure cites: list and register them.", no_args_is_help=True)

TABLE_COLUMNS = (
    "indicator", "area", "sector", "entity", "period", "value", "qualifier", "unit", "status", "source",
    "vintage",
)  # fmt: skip
"""Columns the terminal table shows (files get every column)."""
EXPORTS = ("table", "csv", "json", "parquet", "xlsx")


def observations(
    indicator: Annotated[
        list[str] | None,
        typer.Option("--indicator", "-i", metavar="ID", help="Indicator id (repeatable)", show_default=False),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", "-a", metavar="CODE", help="CN, CN-GD, ... (repeatable)", show_default=False),
    ] = None,
    sector: Annotated[
        list[str] | None,
        typer.Option("--sector", metavar="CODE", help="_T or a sector code (repeatable)", show_default=False),
    ] = None,
    as_of: AsOfOption = None,
    all_vintages: Annotated[
        bool, typer.Option("--all-vintages", help="Every vintage, not just the one in force")
    ] = False,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only figures that sources give differently, side by side")
    ] = False,
    fmt: FormatOption = None,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Figures in the store, latest vintage (or as published by --as-of), with their source."""
    chosen = output_format(fmt, out, EXPORTS, default="table")
    when = parse_date(as_of, "--as-of")
    with open_monitor(db) as monitor:
        if conflicts:
            frame = monitor.conflicts(as_of=when)
        else:
            frame = monitor.observations(
                indicator=indicator, area=area, sector=sector, as_of=when, all_vintages=all_vintages
            )
    if chosen == "table" and not conflicts:
        frame = frame[list(TABLE_COLUMNS)]
    if frame.empty:
        say("no figures match" + ("" if (indicator or area or sector or as_of) else ": run `mic2025 init`?"))
    emit(frame, chosen, out, title="conflicting figures" if conflicts else "observations")


def batches(db: DbOption = None, fmt: FormatOption = None, out: OutOption = None) -> None:
    """Ingest batches: who loaded what, when, with the file's hash and row counts."""
    chosen = output_format(fmt, out, EXPORTS, default="table")
    with open_monitor(db) as monitor:
        emit(monitor.batches(), chosen, out, title="batches")


@sources_app.command("list")
def list_sources(db: DbOption = None, fmt: FormatOption = None, out: OutOption = None) -> None:
    """Every registered source: publisher, title, table, URL, licence, dates, grade."""
    chosen = output_format(fmt, out, EXPORTS, default="table")
    with open_monitor(db) as monitor:
        emit(monitor.sources(), chosen, out, title="sources")


@sources_app.command("add")
def add_source(
    source_id: Annotated[str, typer.Option("--id", help="Short id, e.g. nbs_yearbook_2021")],
    title: Annotated[str, typer.Option(help="Title of the publication")],
    publisher: Annotated[str | None, typer.Option(show_default=False)] = None,
    table: Annotated[str | None, typer.Option(help="Table or page within it", show_default=False)] = None,
    url: Annotated[str | None, typer.Option(help="URL or full citation", show_default=False)] = None,
    licence: Annotated[str | None, typer.Option(show_default=False)] = None,
    published: Annotated[
        str | None, typer.Option(metavar="DATE", help="Publication date YYYY-MM-DD", show_default=False)
    ] = None,
    retrieved: Annotated[
        str | None, typer.Option(metavar="DATE", help="Retrieval date YYYY-MM-DD", show_default=False)
    ] = None,
    grade: Annotated[
        str | None,
        typer.Option(
            help="official_primary, official_reprint, secondary or weak  \\[default: none: secondary]",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Register a source so figures can cite it."""
    row = {
        "id": source_id, "title": title, "publisher": publisher, "table": table, "url": url,
        "licence": licence, "published": published, "retrieved": retrieved, "grade": grade, "note": note,
    }  # fmt: skip
    with open_monitor(db, write=True) as monitor:
        try:
            added = monitor.add_sources([row])
        except ValueError as exc:
            fail(str(exc))
    say(f"added source {source_id}" if added else f"source {source_id} already registered")


@sources_app.command("load")
def load_sources(
    path: Annotated[
        Path,
        typer.Argument(
            help="CSV with columns id,title,publisher,table,url,licence,published,retrieved,grade,note"
        ),
    ],
    db: DbOption = None,
) -> None:
    """Register every source listed in a CSV file."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        fail(f"{path}: not a readable CSV file: {exc}", code=1)
    rows = [{k: (v or None) for k, v in r.items()} for r in frame.to_dict("records")]
    with open_monitor(db, write=True) as monitor:
        try:
            added = monitor.add_sources(rows)
        except ValueError as exc:
            fail(f"{path}: {exc}")
    say(f"{len(added)} new source(s), {len(rows) - len(added)} already registered")
