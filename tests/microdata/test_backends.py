"""The same expressions on DuckDB, PostgreSQL and Spark agree to 1e-9 relative."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mic2025.microdata.aggregate import aggregate_table
from mic2025.microdata.backends import connect, load, upload
from mic2025.microdata.schema import read_records

BY = "area,sector,year"
KEY = ["indicator", "area", "sector", "size", "period"]


@pytest.fixture(scope="module")
def on_duckdb(small_panel: Path) -> pd.DataFrame:
    return aggregate_table(load(connect("duckdb"), small_panel), BY)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    a, b = a.set_index(KEY).sort_index(), b.set_index(KEY).sort_index()
    assert a.index.equals(b.index)
    assert (a["confidentiality"] == b["confidentiality"]).all()
    assert a["n_units"].equals(b["n_units"])
    for col in ["value", "std_error", "ci_low", "ci_high"]:
        x, y = a[col].to_numpy(float), b[col].to_numpy(float)
        assert np.array_equal(np.isnan(x), np.isnan(y)), col
        ok = ~np.isnan(x)
        np.testing.assert_allclose(y[ok], x[ok], rtol=1e-9, atol=1e-12, err_msg=col)


def test_duckdb_uploaded_equals_duckdb_on_file(small_panel: Path, on_duckdb: pd.DataFrame) -> None:
    con = connect("duckdb")
    table = upload(con, read_records(small_panel), "records")
    _same(on_duckdb, aggregate_table(table, BY))


@pytest.mark.postgres
def test_postgres_agrees(small_panel: Path, on_duckdb: pd.DataFrame, pg_url: str) -> None:
    con = connect("postgres", url=pg_url)
    table = load(con, small_panel, name="mic2025_test_microdata")
    try:
        _same(on_duckdb, aggregate_table(table, BY))
    finally:
        con.raw_sql('DROP TABLE IF EXISTS "mic2025_test_microdata"').close()


@pytest.mark.spark
def test_spark_agrees(small_panel: Path, on_duckdb: pd.DataFrame, spark) -> None:
    con = connect("spark", spark=spark)
    _same(on_duckdb, aggregate_table(load(con, small_panel), BY))
