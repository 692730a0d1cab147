"""Whole-batch behaviour: idempotency, revisions as new vintages, as-of reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from mic2025.ingest import IngestError

HEADER = "indicator,area,period,value,source,vintage"


def _write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_loading_the_same_file_twice_adds_nothing_and_says_so(monitor, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "broadband_penetration,CN,2016,61.4,src_a,2017-07-25")
    first = monitor.ingest(path)
    second = monitor.ingest(path)
    assert (first.rows_added, first.already_loaded) == (1, False)
    assert second.already_loaded and second.batch == first.batch and second.rows_added == 0
    assert len(monitor.observations(all_vintages=True)) == 1
    assert len(monitor.batches()) == 1


def test_overlapping_file_adds_only_new_rows(monitor, tmp_path: Path) -> None:
    monitor.ingest(_write(tmp_path / "a.csv", "broadband_penetration,CN,2016,61.4,src_a,2017-07-25"))
    result = monitor.ingest(
        _write(
            tmp_path / "b.csv",
            "broadband_penetration,CN,2016,61.4,src_a,2017-07-25",
            "broadband_penetration,CN,2017,72.5,src_a,2018-03-01",
        )
    )
    assert (result.rows_read, result.rows_added, result.rows_unchanged) == (2, 1, 1)


def test_revision_is_a_new_vintage_and_the_old_one_stays(monitor, tmp_path: Path) -> None:
    monitor.ingest(_write(tmp_path / "v1.csv", "broadband_penetration,CN,2016,60.0,src_a,2017-01-15"))
    monitor.ingest(_write(tmp_path / "v2.csv", "broadband_penetration,CN,2016,61.4,src_a,2017-07-25"))
    history = monitor.observations(all_vintages=True)
    assert list(history.value) == [60.0, 61.4]
    latest = monitor.observations()
    assert list(latest.value) == [61.4]
    # as of a date between the two publications, the first figure was in force
    assert list(monitor.observations(as_of="2017-03-01").value) == [60.0]
    assert list(monitor.observations(as_of=dt.date(2017, 7, 25)).value) == [61.4]
    assert monitor.observations(as_of="2016-12-31").empty


def test_changing_a_stored_figure_without_a_new_vintage_is_refused(monitor, tmp_path: Path) -> None:
    monitor.ingest(_write(tmp_path / "v1.csv", "broadband_penetration,CN,2016,60.0,src_a,2017-01-15"))
    with pytest.raises(IngestError, match="revision needs a later vintage") as caught:
        monitor.ingest(_write(tmp_path / "v1b.csv", "broadband_penetration,CN,2016,61.0,src_a,2017-01-15"))
    assert caught.value.problems[0].row == 2
    assert list(monitor.observations(all_vintages=True).value) == [60.0]


def test_two_sources_same_day_resolve_deterministically(monitor, tmp_path: Path) -> None:
    monitor.ingest(
        _write(
            tmp_path / "two.csv",
            "broadband_penetration,CN,2016,60.0,src_a,2017-01-15",
            "broadband_penetration,CN,2016,61.0,src_b,2017-01-15",
        )
    )
    assert len(monitor.observations(all_vintages=True)) == 2
    assert list(monitor.observations().source) == ["src_b"]


def test_write_observations_from_python_with_a_new_source(monitor) -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["broadband_penetration"],
            "area": ["CN-GD"],
            "period": ["2020"],
            "value": [0.1 + 0.2],  # a float whose text form must survive exactly
            "std_error": [0.5],
            "n_units": [12],
        }
    )
    source = {"id": "synthetic_panel", "title": "Synthetic panel (not real data)", "synthetic": True}
    result = monitor.write_observations(frame, source=source, origin="test", vintage="2021-01-01")
    assert result.rows_added == 1
    row = monitor.observations().iloc[0]
    assert row.value == 0.1 + 0.2 and row.std_error == 0.5 and row.n_units == 12
    assert bool(monitor.sources().set_index("id").loc["synthetic_panel", "synthetic"])


def test_source_id_cannot_be_redefined(monitor) -> None:
    with pytest.raises(ValueError, match="another title"):
        monitor.add_sources([{"id": "src_a", "title": "Something else"}])


def test_observations_page_in_the_database(monitor, tmp_path: Path) -> None:
    rows = [f"broadband_penetration,CN,{2010 + k},{50 + k},src_a,2021-01-01" for k in range(10)]
    monitor.ingest(_write(tmp_path / "ten.csv", *rows))
    page = monitor.observations(limit=3, offset=4)
    assert page["period"].tolist() == ["2014", "2015", "2016"]
    assert len(monitor.observations(offset=8)) == 2
