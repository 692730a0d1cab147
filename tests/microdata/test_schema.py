"""Record validation: every problem reported with file, row, column and reason."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from mic2025.microdata.schema import COLUMN_NAMES, MicrodataError, read_records

HEADER = ",".join(COLUMN_NAMES)
GOOD = "101,2020,CN-GD,C3911,L,true,1,50000,800,12,true,55.5,1200,12000,300,5000,40,30"


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "records.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_valid_csv_is_typed(tmp_path: Path) -> None:
    df = read_records(_csv(tmp_path, GOOD, GOOD.replace("101,", "102,").replace(",55.5,", ",,")))
    assert df.schema["revenue"] == pl.Float64
    assert df.schema["above_designated_size"] == pl.Boolean
    assert df["cnc_ratio"].to_list() == [55.5, None]


def test_every_problem_is_reported_with_row_column_and_reason(tmp_path: Path) -> None:
    bad = [
        GOOD,  # row 2: fine
        GOOD.replace("101,", "111,").replace("CN-GD", "CN-XX"),  # row 3: unknown province
        GOOD.replace("101,", "112,").replace(",50000,", ",abc,"),  # row 4: revenue not a number
        GOOD.replace("101,", "113,").replace(",55.5,", ",120,").replace(",L,", ",XL,"),  # row 5
        GOOD,  # row 6: duplicate of row 2 (same enterprise and year)
        GOOD.replace("101,", "103,").replace(",1,50000", ",,50000"),  # row 7: missing weight
    ]
    with pytest.raises(MicrodataError) as err:
        read_records(_csv(tmp_path, *bad))
    got = {(p.row, p.column) for p in err.value.problems}
    assert got == {
        (3, "province"),
        (4, "revenue"),
        (5, "cnc_ratio"),
        (5, "size_class"),
        (2, "enterprise_id"),
        (6, "enterprise_id"),
        (7, "weight"),
    }
    text = str(err.value)
    assert "records.csv, row 4, column 'revenue'" in text and "'abc'" in text
    assert "nothing was written" in text
    by_cell = {(p.row, p.column): p.reason for p in err.value.problems}
    assert "between 0 and 100" in by_cell[(5, "cnc_ratio")]
    assert "duplicate" in by_cell[(6, "enterprise_id")]
    assert "required" in by_cell[(7, "weight")]


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    header = HEADER.replace("rd_expenditure", "rd_spend")
    with pytest.raises(MicrodataError) as err:
        read_records(_csv(tmp_path, GOOD, header=header))
    reasons = {(p.column, p.reason) for p in err.value.problems}
    assert ("rd_expenditure", "required column is missing") in reasons
    assert ("rd_spend", "unknown column") in reasons


def test_synthetic_panel_is_valid(small_panel: Path) -> None:
    assert read_records(small_panel).height == 9_000
