"""``mic2025 observations``, ``mic2025 sources`` and ``mic2025 batches``: read the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from mic2025.cli.common import (
    AsOfOption,
    DbOption,
    FormatOption,
    OutOption,
    OutputFormat,
    emit,
    fail,
    parse_date,
)

sources_app = typer.Typer(help="Sources every figure cites: list and register them.")


def observations(
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", "-i", help="Indicator id (repeatable)")
    ] = None,
    area: Annotated[
        list[str] | None, typer.Option("--area", "-a", help="CN, CN-GD, ... (repeatable)")
    ] = None,
    sector: Annotated[list[str] | None, typer.Option("--sector", help="_T or a sector code")] = None,
    as_of: AsOfOption = None,
    all_vintages: Annotated[
        bool, typer.Option("--all-vintages", help="Every vintage, not just the one in force")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Figures in the store, latest vintage (or as published by --as-of), with their source."""
    import mic2025

    with mic2025.open(db) as monitor:
        frame = monitor.observations(
            indicator=indicator,
            area=area,
            sector=sector,
            as_of=parse_date(as_of, "--as-of"),
            all_vintages=all_vintages,
        )
    if fmt is OutputFormat.table:
        frame = frame[
            [
                "indicator",
                "area",
                "sector",
                "entity",
                "period",
                "value",
                "unit",
                "status",
                "source",
                "vintage",
                "note",
            ]
        ]
    emit(frame, fmt, out, title="observations")


def batches(db: DbOption = None, fmt: FormatOption = OutputFormat.table, out: OutOption = None) -> None:
    """Ingest batches: who loaded what, when, with the file's hash and row counts."""
    import mic2025

    with mic2025.open(db) as monitor:
        emit(monitor.batches(), fmt, out, title="batches")


@sources_app.command("list")
def list_sources(db: DbOption = None, fmt: FormatOption = OutputFormat.table, out: OutOption = None) -> None:
    """Every registered source: publisher, title, table, URL, licence, dates."""
    import mic2025

    with mic2025.open(db) as monitor:
        emit(monitor.sources(), fmt, out, title="sources")


@sources_app.command("add")
def add_source(
    source_id: Annotated[str, typer.Option("--id", help="Short id, e.g. nbs_yearbook_2021")],
    title: Annotated[str, typer.Option(help="Title of the publication")],
    publisher: Annotated[str | None, typer.Option()] = None,
    table: Annotated[str | None, typer.Option(help="Table or page within it")] = None,
    url: Annotated[str | None, typer.Option(help="URL or full citation")] = None,
    licence: Annotated[str | None, typer.Option()] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD")] = None,
    retrieved: Annotated[str | None, typer.Option(help="Retrieval date YYYY-MM-DD")] = None,
    note: Annotated[str | None, typer.Option()] = None,
    db: DbOption = None,
) -> None:
    """Register a source so figures can cite it."""
    import mic2025

    row = {
        "id": source_id,
        "title": title,
        "publisher": publisher,
        "table": table,
        "url": url,
        "licence": licence,
        "published": published,
        "retrieved": retrieved,
        "note": note,
    }
    with mic2025.open(db) as monitor:
        try:
            added = monitor.add_sources([row])
        except ValueError as exc:
            fail(str(exc))
    typer.echo(f"added source {source_id}" if added else f"source {source_id} already registered")


@sources_app.command("load")
def load_sources(
    path: Annotated[
        Path,
        typer.Argument(help="CSV with columns id,title,publisher,table,url,licence,published,retrieved,note"),
    ],
    db: DbOption = None,
) -> None:
    """Register every source listed in a CSV file."""
    import mic2025

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = [{k: (v or None) for k, v in r.items()} for r in frame.to_dict("records")]
    with mic2025.open(db) as monitor:
        try:
            added = monitor.add_sources(rows)
        except ValueError as exc:
            fail(f"{path}: {exc}")
    typer.echo(f"{len(added)} new source(s), {len(rows) - len(added)} already registered")
