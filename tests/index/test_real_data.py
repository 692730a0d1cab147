"""The bundled real data: figures equal the source CSV; USA scored in 2015."""

import csv
from pathlib import Path

import pytest

from mic2025.index import compute_index, load_spec
from mic2025.index.panel import build_panel, default_data_dir


def test_china_2012_mva_equals_csv():
    path = Path(default_data_dir()) / "wdi_nv.ind.manf.cd_wb_api_2023-04_3sigfig.csv"
    with path.open(encoding="utf-8-sig") as f:
        row = next(r for r in csv.DictReader(f) if r["Country Code"] == "CHN")
    spec = load_spec("cae_mpdi")
    p = build_panel(spec)
    v = p.values[p.countries.index("CHN"), p.years.index(2012), p.indicators.index("mva")]
    assert v == pytest.approx(float(row["2012"]) * 1e-9, rel=1e-12)


def test_usa_scored_2015_and_steps():
    r = compute_index("cae_mpdi", years=[2015])
    usa = r.scores.query("country == 'USA'").iloc[0]
    assert usa["score"] > 0 and usa["rank"] >= 1 and usa["tier"] in {"first", "second", "third"}
    assert len(r.steps) == 1 and "reached_2025" in r.steps.columns
    assert "WLD" not in set(r.scores["country"])
