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


# -- repeats within one input (ingest/staging.py) --------------------------------------
def test_identical_repeated_rows_are_stored_once(monitor, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{GOOD}\n{GOOD}\n", encoding="utf-8")
    result = monitor.ingest(path)
    assert (result.rows_read, result.rows_added, result.rows_unchanged) == (3, 1, 2)
    stored = monitor.observations(all_vintages=True)
    assert list(stored.value) == [61.4]


def test_repeats_keep_the_first_occurrence_and_input_order(monitor, tmp_path: Path) -> None:
    other = GOOD.replace(",2016,61.4,", ",2015,50.0,")
    path = tmp_path / "order.csv"
    with_note = "indicator,area,sector,period,value,unit,status,source,vintage,note"
    path.write_text(f"{with_note}\n{other},first\n{GOOD},kept\n{other},\n{GOOD},dropped\n", encoding="utf-8")
    assert monitor.ingest(path).rows_added == 2
    stored = monitor.observations(all_vintages=True)
    assert list(zip(stored.period, stored.note, strict=True)) == [("2015", "first"), ("2016", "kept")]


def test_same_figure_from_another_source_or_vintage_is_not_a_repeat(monitor, tmp_path: Path) -> None:
    path = tmp_path / "distinct.csv"
    path.write_text(
        f"{HEADER}\n{GOOD}\n{GOOD.replace('src_a', 'src_b').replace('61.4', '62.0')}\n"
        f"{GOOD.replace('2017-07-25', '2017-08-01').replace('61.4', '61.5')}\n",
        encoding="utf-8",
    )
    assert monitor.ingest(path).rows_added == 3
    assert len(monitor.observations(all_vintages=True)) == 3


def test_every_row_of_a_clashing_figure_is_reported(monitor, tmp_path: Path) -> None:
    """Two equal rows and one different: all three rows carry the clash."""
    path = tmp_path / "clash.csv"
    other = GOOD.replace("2016", "2015")
    path.write_text(
        f"{HEADER}\n{GOOD}\n{other}\n{GOOD}\n{GOOD.replace('61.4', '61.0')}\n{other}\n", encoding="utf-8"
    )
    with pytest.raises(IngestError) as caught:
        monitor.ingest(path)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems] == [(2, "value"), (4, "value"), (5, "value")]
    assert [p.value for p in problems] == ["61.4", "61.4", "61.0"]
    assert all("different values" in p.reason for p in problems)
    assert monitor.observations().empty and monitor.batches().empty


def test_clash_report_stops_at_max_problems(monitor, tmp_path: Path) -> None:
    from mic2025.ingest.pipeline import ingest_file

    path = tmp_path / "many.csv"
    rows = [GOOD.replace("61.4", f"{60 + k / 10:.1f}") for k in range(6)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        ingest_file(monitor.store, monitor.plan, path, max_problems=4)
    assert [p.row for p in caught.value.problems] == [2, 3, 4, 5]


# -- sampling columns ------------------------------------------------------------------
SAMPLED = "indicator,area,period,value,source,vintage,std_error,ci_low,ci_high,n_units"


@pytest.mark.parametrize("column", ["std_error", "ci_low", "ci_high", "n_units"])
def test_non_numeric_sampling_column_is_reported(monitor, tmp_path: Path, column: str) -> None:
    cells = {"std_error": "0.5", "ci_low": "60.4", "ci_high": "62.4", "n_units": "120"}
    cells[column] = "n/a"
    path = tmp_path / "sampled.csv"
    path.write_text(
        f"{SAMPLED}\nbroadband_penetration,CN,2016,61.4,src_a,2017-07-25,"
        + ",".join(cells[c] for c in ("std_error", "ci_low", "ci_high", "n_units"))
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError) as caught:
        monitor.ingest(path)
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [(2, column, "n/a")]
    assert caught.value.problems[0].reason == f"{column} is not a number"
    assert monitor.observations().empty


def test_sampling_columns_are_typed_and_may_be_empty(monitor, tmp_path: Path) -> None:
    path = tmp_path / "sampled.csv"
    path.write_text(
        f"{SAMPLED}\n"
        "broadband_penetration,CN,2016,61.4,src_a,2017-07-25,0.5,60.4,62.4,120\n"
        "broadband_penetration,CN,2017,72.5,src_a,2018-03-01,,,,\n",
        encoding="utf-8",
    )
    assert monitor.ingest(path).rows_added == 2
    got = monitor.observations().set_index("period")
    assert (got.loc["2016", "std_error"], got.loc["2016", "ci_low"], got.loc["2016", "ci_high"]) == (
        0.5,
        60.4,
        62.4,
    )
    assert got.loc["2016", "n_units"] == 120
    assert got.loc["2017", ["std_error", "ci_low", "ci_high", "n_units"]].isna().all()
