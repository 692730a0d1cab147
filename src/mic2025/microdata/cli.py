"""`mic2025 microdata ...`: aggregate enterprise records into indicator observations."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Enterprise microdata → indicators (DuckDB, PostgreSQL, Spark).", no_args_is_help=True)


@app.callback()
def _main() -> None:
    """Enterprise microdata → indicators."""


@app.command()
def aggregate(
    source: Annotated[str, typer.Argument(help="Parquet/CSV file of records, or a table name")],
    by: Annotated[
        str, typer.Option(help="breakdowns: area, sector, size (year is implied)")
    ] = "area,sector,year",
    backend: Annotated[str, typer.Option(help="duckdb, postgres or spark")] = "duckdb",
    pg_url: Annotated[str | None, typer.Option(help="PostgreSQL URL (else $MIC2025_PG_URL)")] = None,
    db: Annotated[
        str | None, typer.Option(help="store to write to (path or URL); default: only print / export")
    ] = None,
    source_id: Annotated[str | None, typer.Option("--source", help="source id of real records")] = None,
    output: Annotated[Path | None, typer.Option(help="also export all cells to .csv/.parquet")] = None,
    min_units: Annotated[int, typer.Option(help="suppress cells with fewer enterprises")] = 3,
    dominance: Annotated[
        float, typer.Option(help="suppress cells where one enterprise has more than this share")
    ] = 0.85,
    groups: Annotated[int, typer.Option(help="jackknife groups")] = 20,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="skip record validation")] = False,
) -> None:
    """Compute every micro indicator for every cell of the breakdown and its margins."""
    from rich.console import Console

    from mic2025.microdata.aggregate import Options, aggregate_table, parse_by, write
    from mic2025.microdata.backends import connect, load
    from mic2025.microdata.disclosure import DisclosureRules
    from mic2025.microdata.schema import MicrodataError, check_table_schema, read_records
    from mic2025.microdata.synthetic import is_synthetic

    console = Console(stderr=True)
    path = Path(source)
    is_file = path.suffix.lower() in {".parquet", ".pq", ".csv"}
    try:
        dims = parse_by(by)
        records = read_records(path) if is_file and not no_validate else None
        con = connect(backend, url=pg_url)
        upload = (
            records
            if records is not None and (backend == "postgres" or path.suffix.lower() == ".csv")
            else None
        )
        table = load(con, source, records=upload)
        if not is_file:
            check_table_schema(dict(table.schema().items()), source)
        options = Options(groups=groups, rules=DisclosureRules(min_units=min_units, dominance=dominance))
        result = aggregate_table(table, dims, options=options)
    except (MicrodataError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    synthetic = is_file and is_synthetic(path)
    counts = result["confidentiality"].value_counts().to_dict()
    console.print(
        f"{len(result)} cells: {counts.get('F', 0)} published, {counts.get('C', 0)} primary "
        f"and {counts.get('D', 0)} secondary suppressions"
        + (" [yellow](SYNTHETIC data)[/yellow]" if synthetic else "")
    )
    if output is not None:
        from mic2025.exports import write_frame

        # CSV and Excel cells that would start a formula are neutralised (mic2025.exports)
        kind = {".parquet": "parquet", ".xlsx": "xlsx", ".json": "json"}.get(output.suffix.lower(), "csv")
        write_frame(result, kind, output)
        console.print(f"wrote {output}")
    if db is not None:
        import mic2025

        try:
            with mic2025.open(db) as monitor:
                res = write(
                    monitor,
                    result,
                    source=source_id,
                    synthetic=synthetic,
                    origin=f"microdata:{source}",
                    who=getpass.getuser(),
                )
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
        console.print(f"stored: {res}")
    elif output is None:
        Console().print(result[result["confidentiality"] == "F"].head(20).to_string(index=False))
