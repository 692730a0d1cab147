"""`mic2025 microdata ...`: aggregate enterprise records into indicator observations."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from mic2025.cli.common import fail, open_monitor, output_format, say

app = typer.Typer(help="Enterprise microdata → indicators (DuckDB, PostgreSQL, Spark).", no_args_is_help=True)


@app.callback()
def _main() -> None:
    """Enterprise microdata → indicators."""


@app.command()
def aggregate(
    source: Annotated[
        str, typer.Argument(metavar="RECORDS", help="Parquet/CSV file of records, or a table name")
    ],
    by: Annotated[
        str, typer.Option(help="breakdowns: area, sector, size (year is implied)")
    ] = "area,sector,year",
    backend: Annotated[str, typer.Option(help="duckdb, postgres or spark")] = "duckdb",
    pg_url: Annotated[str | None, typer.Option(help="PostgreSQL URL (else $MIC2025_PG_URL)")] = None,
    db: Annotated[
        str | None,
        typer.Option(
            help="Store to write the published cells to (path or URL)  \\[default: none: print only]"
        ),
    ] = None,
    source_id: Annotated[str | None, typer.Option("--source", help="source id of real records")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "--output", "-o", help="Also export every cell to .csv/.parquet/.xlsx"),
    ] = None,
    min_units: Annotated[int, typer.Option(help="suppress cells with fewer enterprises")] = 3,
    dominance: Annotated[
        float, typer.Option(help="suppress cells where one enterprise has more than this share")
    ] = 0.85,
    groups: Annotated[int, typer.Option(help="jackknife groups")] = 20,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="skip record validation")] = False,
) -> None:
    """Compute every micro indicator for every cell of the breakdown and its margins."""
    from mic2025.microdata.aggregate import Options
    from mic2025.microdata.disclosure import DisclosureRules
    from mic2025.microdata.synthetic import is_synthetic

    options = Options(groups=groups, rules=DisclosureRules(min_units=min_units, dominance=dominance))
    result, is_file = _aggregate(source, by, backend, pg_url, options, validate=not no_validate)
    synthetic = is_file and is_synthetic(Path(source))
    counts = result["confidentiality"].value_counts().to_dict()
    say(
        f"{len(result)} cells: {counts.get('F', 0)} published, {counts.get('C', 0)} primary "
        f"and {counts.get('D', 0)} secondary suppressions"
        + (" [yellow](SYNTHETIC data)[/yellow]" if synthetic else "")
    )
    if out is not None:
        from mic2025.exports import write_frame

        write_frame(result, output_format(None, out, ("csv", "parquet", "xlsx", "json"), default="csv"), out)
        say(f"wrote {out}")
    if db is not None:
        _store(db, result, source, source_id, synthetic)
    elif out is None:
        from mic2025.cli.common import console

        console().print(result[result["confidentiality"] == "F"].head(20).to_string(index=False))


def _aggregate(
    source: str, by: str, backend: str, pg_url: str | None, options: object, *, validate: bool
) -> tuple[object, bool]:
    """Read (validating a file first), load on the backend and aggregate; clean errors."""
    from mic2025.microdata.aggregate import aggregate_table, parse_by
    from mic2025.microdata.backends import connect, load
    from mic2025.microdata.schema import MicrodataError, check_table_schema, read_records, record_format

    fmt = record_format(source)
    try:
        dims = parse_by(by)
        records = read_records(source) if fmt is not None and validate else None
        con = connect(backend, url=pg_url)
        upload = records if records is not None and (backend == "postgres" or fmt == "csv") else None
        table = load(con, source, records=upload)
        if fmt is None:
            check_table_schema(dict(table.schema().items()), source)
        return aggregate_table(table, dims, options=options), fmt is not None  # type: ignore[arg-type]
    except (MicrodataError, ValueError) as exc:
        fail(str(exc), code=1)


def _store(db: str, result: object, source: str, source_id: str | None, synthetic: bool) -> None:
    from mic2025.microdata.aggregate import write

    with open_monitor(db, write=True) as monitor:
        try:
            res = write(
                monitor, result, source=source_id, synthetic=synthetic, origin=f"microdata:{source}",
                who=getpass.getuser(),
            )  # fmt: skip
        except ValueError as exc:
            fail(str(exc), code=1)
    say(f"stored: {res}")
