"""Connect to an engine (DuckDB, PostgreSQL, PySpark) and get the records as an Ibis table.

The indicator code never looks at which engine it runs on; only this module does.  DuckDB
and Spark read Parquet/CSV files where they lie; PostgreSQL gets the validated records
uploaded into a table first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import polars as pl

BACKENDS = ("duckdb", "postgres", "spark")
PG_URL_ENV = "MIC2025_PG_URL"


def connect(backend: str = "duckdb", *, url: str | None = None, spark: Any = None) -> Any:
    """An Ibis connection: in-memory DuckDB, PostgreSQL at ``url`` (or $MIC2025_PG_URL), or
    PySpark on ``spark`` (a SparkSession; a local one is started if omitted)."""
    if backend == "duckdb":
        return ibis.duckdb.connect(url) if url else ibis.duckdb.connect()
    if backend == "postgres":
        url = url or os.environ.get(PG_URL_ENV)
        if not url:
            raise ValueError(f"postgres backend: give --pg-url or set ${PG_URL_ENV}")
        return ibis.connect(url.replace("postgresql+psycopg://", "postgres://"))
    if backend == "spark":
        if spark is None:
            spark = local_spark()
        return ibis.pyspark.connect(spark)
    raise ValueError(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")


def local_spark(cores: str = "*", shuffle_partitions: int = 4) -> Any:
    """A local SparkSession tuned for aggregates small enough for one machine."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("mic2025-microdata")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def load(
    con: Any, source: str | Path, *, name: str = "mic2025_enterprises", records: pl.DataFrame | None = None
) -> ir.Table:
    """The records as an Ibis table on ``con``.

    ``source`` is a Parquet/CSV path, or the name of a table already in the database.
    ``records`` (validated records, see :func:`mic2025.microdata.schema.read_records`) are
    uploaded instead of re-reading the file where the engine cannot read files itself.
    """
    from mic2025.microdata.schema import record_format

    path = Path(str(source))
    fmt = record_format(path)
    if fmt is None:
        return con.table(str(source))
    backend = con.name
    if backend in {"duckdb", "pyspark"} and records is None:
        if fmt == "csv":
            return con.read_csv(str(path), table_name=name)
        return con.read_parquet(str(path), table_name=name)
    if records is None:
        from mic2025.microdata.schema import read_records

        records = read_records(path)
    return upload(con, records, name)


def upload(con: Any, records: pl.DataFrame, name: str) -> ir.Table:
    """Create (replace) table ``name`` from ``records``.

    Drops first with plain SQL rather than ``create_table(overwrite=True)``: with sqlglot 30
    ibis 12 renders that DROP without a table name on DuckDB and PostgreSQL.
    """
    arrow = records.to_arrow()
    if con.name == "pyspark":
        return con.create_table(name, arrow.to_pandas(), overwrite=True)
    if con.name == "duckdb":
        con.con.register(f"{name}__arrow", arrow)
        con.raw_sql(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{name}__arrow"')
        con.con.unregister(f"{name}__arrow")
        return con.table(name)
    with con.begin() as cur:
        cur.execute(f'DROP TABLE IF EXISTS "{name}"')
    return con.create_table(name, arrow)
