"""Writing to the observation store, synthetic labelling, and the command line."""

from __future__ import annotations

from pathlib import Path

import ibis
import pytest
from typer.testing import CliRunner

import mic2025
from mic2025.microdata.aggregate import aggregate_table, check_source, to_observations, write
from mic2025.microdata.cli import app
from mic2025.microdata.synthetic import SYNTHETIC_SOURCE, generate, is_synthetic


def test_generator_is_seeded_and_labelled(small_panel: Path) -> None:
    a = next(generate(200, range(2020, 2021), seed=1))
    b = next(generate(200, range(2020, 2021), seed=1))
    c = next(generate(200, range(2020, 2021), seed=2))
    assert a.equals(b) and not a.equals(c)
    assert is_synthetic(small_panel)
    assert SYNTHETIC_SOURCE["synthetic"] is True and "SYNTHETIC" in str(SYNTHETIC_SOURCE["title"])


def test_synthetic_and_real_sources_never_mix() -> None:
    assert check_source(None, synthetic=True)["id"] == SYNTHETIC_SOURCE["id"]
    with pytest.raises(ValueError, match="synthetic"):
        check_source("nbs_yearbook_2021", synthetic=True)
    with pytest.raises(ValueError, match="synthetic source"):
        check_source(str(SYNTHETIC_SOURCE["id"]), synthetic=False)


def test_store_gets_published_cells_only(small_panel: Path, tmp_path: Path) -> None:
    res = aggregate_table(ibis.duckdb.connect().read_parquet(str(small_panel)), "area,year")
    obs = to_observations(res, synthetic=True)
    assert len(obs) == (res["confidentiality"] == "F").sum()
    assert obs["note"].str.startswith("SYNTHETIC").all()
    with mic2025.open(tmp_path / "store.duckdb", create=True) as monitor:
        out = write(monitor, res, source=None, synthetic=True, origin="test", who="pytest")
        assert out.rows_added == len(obs)
        stored = monitor.observations()
        assert set(stored["source"]) == {SYNTHETIC_SOURCE["id"]}
        got = stored.set_index(["indicator", "area", "period"])
        want = obs.set_index(["indicator", "area", "period"])
        key = ("digital_design_tools", "CN", "2020")
        assert got.loc[key, "value"] == pytest.approx(want.loc[key, "value"], rel=1e-12)
        assert got.loc[key, "std_error"] == pytest.approx(want.loc[key, "std_error"], rel=1e-12)
        assert monitor.sources().set_index("id").loc[SYNTHETIC_SOURCE["id"], "synthetic"]


def test_cli_aggregate_exports_and_stores(small_panel: Path, tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    db = tmp_path / "cli.duckdb"
    mic2025.init(db, bundled=False).close()
    run = CliRunner().invoke(
        app, ["aggregate", str(small_panel), "--by", "area,year", "--output", str(out), "--db", str(db)]
    )
    assert run.exit_code == 0, run.output
    assert "SYNTHETIC" in run.output and out.exists()


def test_cli_rejects_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("enterprise_id,year\n1,2020\n", encoding="utf-8")
    db = tmp_path / "never.duckdb"
    run = CliRunner().invoke(app, ["aggregate", str(bad), "--db", str(db)])
    assert run.exit_code == 1
    assert "required column is missing" in run.output
    assert not db.exists()
