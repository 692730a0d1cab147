"""The command line end to end on the bundled data: init, scorecard, observations, ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mic2025.cli.main import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "m.duckdb"
    result = runner.invoke(app, ["init", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def test_init_is_idempotent(db: str) -> None:
    result = runner.invoke(app, ["init", "--db", db])
    assert result.exit_code == 0
    assert "0 added" in result.output


def test_scorecard_answers_with_verdicts_figures_and_sources(db: str) -> None:
    result = runner.invoke(app, ["scorecard", "--db", db, "--format", "json", "--as-of", "2026-12-02"])
    assert result.exit_code == 0, result.output
    rows = {r["target_id"]: r for r in json.loads(result.output)}
    broadband = rows["broadband_penetration_2020"]
    assert broadband["target_text"] == "70 % by 2020"
    assert broadband["figure"] == "96 % (2020)" and broadband["status"] == "achieved"
    assert broadband["source"]  # a publisher and date, never an internal id
    energy = rows["energy_intensity_2020"]
    assert energy["status"] == "not_achieved" and energy["figure"].startswith("84 ")
    patents = rows["invention_patents_intensity_2020"]
    assert patents["figure"] == "—"  # only the plan's own 2015 value exists: no latest figure
    # an average-growth target is shown against average growth, not one year's growth
    assert rows["labour_productivity_growth_2020"]["figure"].endswith("% a year (2019)")


def test_scorecard_reads_at_100_columns(db: str) -> None:
    result = runner.invoke(app, ["scorecard", "--db", db], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= 100
    assert "✔ achieved" in result.output and "✘ not achieved" in result.output


def test_scorecard_in_japanese(db: str) -> None:
    result = runner.invoke(app, ["scorecard", "--db", db, "--lang", "ja", "--format", "csv"])
    assert result.exit_code == 0
    assert "ブロードバンド" in result.output


def test_observations_formats_and_as_of(db: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["observations", "--db", db, "-i", "broadband_penetration", "--format", "csv"]
    )
    assert result.exit_code == 0
    assert "broadband_penetration,CN,_T,,2020," in result.output
    early = runner.invoke(
        app,
        ["observations", "--db", db, "-i", "broadband_penetration", "--as-of", "2016-12-31", "-f", "json"],
    )
    periods = {r["period"] for r in json.loads(early.output)}
    assert "2020" not in periods and "2015" in periods
    out = tmp_path / "obs.parquet"
    result = runner.invoke(app, ["observations", "--db", db, "-f", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0


def test_ingest_rejects_bad_file_with_exit_code_1(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,area,period,value\nnope,CN,2020,1\n", encoding="utf-8")
    report = tmp_path / "problems.csv"
    result = runner.invoke(
        app,
        [
            "ingest",
            str(bad),
            "--db",
            db,
            "--source",
            "mic2025_plan_table",
            "--vintage",
            "2020-01-01",
            "--errors-out",
            str(report),
        ],
    )
    assert result.exit_code == 1
    assert "row 2" in result.output and "unknown indicator" in result.output
    assert "nope" in report.read_text(encoding="utf-8")


def test_plan_commands() -> None:
    result = runner.invoke(app, ["plan", "indicators", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.count("\n") == 13  # header + 12 key indicators
    shown = runner.invoke(app, ["plan", "show", "--lang", "ko"])
    assert shown.exit_code == 0 and "2049" in shown.output
    as_json = json.loads(runner.invoke(app, ["plan", "show", "--json"]).output)
    assert len(as_json["tasks"]) == 9 and len(as_json["sectors"]) == 10
    bad_lang = runner.invoke(app, ["plan", "show", "--lang", "fr"])
    assert bad_lang.exit_code == 2


def test_ingest_with_progress_display(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files large enough to take a second get a staged progress display; same result."""
    import mic2025.ingest.cli as ingest_cli

    monkeypatch.setattr(ingest_cli, "PROGRESS_MIN_BYTES", 0)
    good = tmp_path / "good.csv"
    good.write_text("indicator,area,period,value\nbroadband_penetration,CN-GD,2021,88.5\n", encoding="utf-8")
    args = ["ingest", str(good), "--db", db, "--source", "mic2025_plan_table", "--vintage", "2022-01-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 rows read, 1 added" in " ".join(result.output.split())
    again = runner.invoke(app, args)
    assert "already loaded" in " ".join(again.output.split())
