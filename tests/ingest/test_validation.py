"""Each kind of bad input is reported with file, row, column and reason; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mic2025.ingest import IngestError

HEADER = "indicator,area,sector,period,value,unit,status,source,vintage"
GOOD = "broadband_penetration,CN,_T,2016,61.4,pct,A,src_a,2017-07-25"


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("nope,CN,_T,2016,1,pct,A,src_a,2017-01-01", "indicator", "unknown indicator"),
        ("broadband_penetration,XX,_T,2016,1,pct,A,src_a,2017-01-01", "area", "unknown area"),
        ("broadband_penetration,CN-ZZ,_T,2016,1,pct,A,src_a,2017-01-01", "area", "unknown area"),
        ("broadband_penetration,CN,zz9,2016,1,pct,A,src_a,2017-01-01", "sector", "unknown sector"),
        ("broadband_penetration,CN,_T,2016-13,1,pct,A,src_a,2017-01-01", "period", "ISO 8601"),
        ("broadband_penetration,CN,_T,16,1,pct,A,src_a,2017-01-01", "period", "ISO 8601"),
        ("broadband_penetration,CN,_T,2016,abc,pct,A,src_a,2017-01-01", "value", "not a number"),
        ("broadband_penetration,CN,_T,2016,,pct,A,src_a,2017-01-01", "value", "missing"),
        ("broadband_penetration,CN,_T,2016,inf,pct,A,src_a,2017-01-01", "value", "not a number"),
        ("broadband_penetration,CN,_T,2016,101,pct,A,src_a,2017-01-01", "value", "natural limit"),
        ("broadband_penetration,CN,_T,2016,1,kg,A,src_a,2017-01-01", "unit", "unit does not match"),
        ("broadband_penetration,CN,_T,2016,1,pct,M,src_a,2017-01-01", "status", "status must be"),
        ("broadband_penetration,CN,_T,2016,1,pct,A,nobody,2017-01-01", "source", "unknown source"),
        ("broadband_penetration,CN,_T,2016,1,pct,A,src_a,2017/01/01", "vintage", "YYYY-MM-DD"),
        ("broadband_penetration,CN,_T,2016,1,pct,A,src_a,2999-01-01", "vintage", "future"),
    ],
)
def test_bad_cell_is_reported_and_nothing_written(
    monitor, tmp_path: Path, row: str, column: str, reason: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{row}\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        monitor.ingest(path)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [(3, column)]
    assert reason in problems[0].reason
    assert problems[0].file == str(path)
    assert str(path) in str(caught.value) and "row 3" in str(caught.value)
    assert monitor.observations().empty
    assert monitor.batches().empty


def test_every_problem_is_reported_not_just_the_first(monitor, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        f"{HEADER}\n"
        "nope,XX,_T,2016,abc,pct,A,src_a,2017-01-01\n"
        f"{GOOD}\n"
        "broadband_penetration,CN,_T,2016-Q5,1,pct,A,src_a,2017-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as caught:
        monitor.ingest(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(2, "indicator"), (2, "area"), (2, "value"), (4, "period")}
    report = caught.value.to_frame()
    assert list(report.columns) == ["file", "row", "column", "value", "reason"]
    assert len(report) == 4


def test_missing_and_unknown_columns(monitor, tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("indicator,area,valu\nbroadband_penetration,CN,1\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        monitor.ingest(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(1, "period"), (1, "value"), (1, "valu"), (1, "source"), (1, "vintage")} == found


def test_same_figure_twice_with_different_values_in_one_file(monitor, tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{GOOD.replace('61.4', '62.0')}\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        monitor.ingest(path)
    assert {(p.row, p.column) for p in caught.value.problems} == {(2, "value"), (3, "value")}


def test_defaults_from_the_command_line(monitor, tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "min.csv"
    path.write_text("indicator,area,period,value\nbroadband_penetration,CN,2016,61.4\n", encoding="utf-8")
    result = monitor.ingest(path, source="src_b", vintage=dt.date(2017, 7, 25))
    assert result.rows_added == 1
    row = monitor.observations().iloc[0]
    assert (row.sector, row.entity, row.unit, row.status, row.source) == ("_T", "", "pct", "A", "src_b")
    assert row.vintage == dt.date(2017, 7, 25)
