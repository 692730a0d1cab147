"""Indicator formulas on a hand-computed example, and the jackknife against brute force."""

from __future__ import annotations

from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest

from mic2025.microdata.aggregate import Options, aggregate_table
from mic2025.microdata.disclosure import DisclosureRules
from mic2025.microdata.indicators import jackknife_group

from .helpers import HAND, records, write

OPEN = Options(groups=2, rules=DisclosureRules(min_units=1, dominance=1.0, secondary=False))


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = write(records(HAND), tmp_path_factory.mktemp("hand") / "hand.parquet")
    table = ibis.duckdb.connect().read_parquet(str(path))
    res = aggregate_table(table, "area,sector,year", options=OPEN)
    return res.set_index(["indicator", "area", "sector"])["value"]


@pytest.mark.parametrize(
    ("indicator", "area", "sector", "expected"),
    [
        # R&D / revenue × 100 over manufacturing above designated size (enterprises 1, 2, 4)
        ("rd_intensity", "CN-GD", "C39", 100 * (20 + 30) / (1000 + 3000)),  # 1.25
        ("rd_intensity", "CN-JS", "C39", 100 * 150 / 6000),  # 2.5
        ("rd_intensity", "CN", "C39", 100 * (20 + 30 + 150) / (1000 + 3000 + 6000)),  # 2.0
        ("rd_intensity", "CN-GD", "_T", 1.25),  # enterprise 3 is below designated size
        ("rd_intensity", "CN", "_T", 2.0),  # mining enterprise 6 excluded
        # patents / (revenue in 10k yuan / 10 000): per 100 million yuan
        ("invention_patents_intensity", "CN-GD", "C39", (2 + 1) / ((1000 + 3000) / 1e4)),  # 7.5
        ("invention_patents_intensity", "CN", "_T", (2 + 1 + 3) / ((1000 + 3000 + 6000) / 1e4)),
        # weighted share: users 1 (w 1) and 3 (w 10); non-users 2 (w 1) and 5 (w 20); 4 no answer
        ("digital_design_tools", "CN-GD", "C39", 100 * 1 / (1 + 1)),  # 50
        ("digital_design_tools", "CN-GD", "_T", 100 * (1 + 10) / (1 + 1 + 10)),  # 91.67
        ("digital_design_tools", "CN", "C26", 100 * 10 / (10 + 20)),  # 33.3
        ("digital_design_tools", "CN", "_T", 100 * (1 + 10) / (1 + 1 + 10 + 20)),  # 34.375
        # weighted mean CNC ratio: 60 (w 1), 40 (w 1), 80 (w 1), 20 (w 20); 3 has no key process
        ("cnc_ratio", "CN-GD", "C39", (60 + 40) / 2),
        ("cnc_ratio", "CN-JS", "_T", (80 + 20 * 20) / (1 + 20)),  # 22.857
        ("cnc_ratio", "CN", "_T", (60 + 40 + 80 + 20 * 20) / (1 + 1 + 1 + 20)),  # 25.217
    ],
)
def test_hand_computed(hand: pd.Series, indicator: str, area: str, sector: str, expected: float) -> None:
    assert hand[(indicator, area, sector)] == pytest.approx(expected, rel=1e-12)


def test_empty_populations_are_not_cells(hand: pd.Series) -> None:
    # no enterprise above designated size in C26: no rd_intensity cell at all
    assert ("rd_intensity", "CN-GD", "C26") not in hand.index
    assert ("rd_intensity", "CN-BJ", "_T") not in hand.index


def _group(ids: np.ndarray, groups: int, seed: int) -> np.ndarray:
    """The documented group of each enterprise (indicators.jackknife_group's docstring):
    an affine permutation of residues modulo the prime 1 000 003, then ``mod groups``."""
    p = 1_000_003
    a = 7_919 + 2 * (seed % 50_000)
    return np.array([((int(i) % p) * a + seed % p) % p % groups for i in ids])


def _brute_jackknife(df: pd.DataFrame, groups: int, seed: int) -> tuple[float, float]:
    """Weighted share of tool users and its DAGJK SE, recomputed by deleting each group."""
    d = df[df["digital_design_tools"].notna()]
    g = _group(d["enterprise_id"].to_numpy(), groups, seed)
    w, y = d["weight"].to_numpy(), d["digital_design_tools"].to_numpy(float)
    theta = 100 * (w * y).sum() / w.sum()
    reps = [100 * (w * y)[g != k].sum() / w[g != k].sum() for k in range(groups)]
    fpc = 1 - len(d) / w.sum()
    return theta, np.sqrt(fpc * (groups - 1) / groups * ((np.array(reps) - theta) ** 2).sum())


def test_jackknife_groups_are_the_documented_permutation() -> None:
    ids = np.array([0, 1, 2, 17, 999_999, 1_000_002, 1_000_003, 5_000_000])
    for groups, seed in ((10, 3), (20, 20250519), (7, 0)):
        got = (
            ibis.duckdb.connect()
            .execute(ibis.memtable({"id": ids}).select(g=jackknife_group(ibis._.id, groups, seed)))["g"]
            .to_numpy()
        )
        np.testing.assert_array_equal(got, _group(ids, groups, seed))


def test_jackknife_matches_brute_force(small_panel: Path) -> None:
    opts = Options(groups=10, seed=3, rules=DisclosureRules(min_units=1, dominance=1.0, secondary=False))
    table = ibis.duckdb.connect().read_parquet(str(small_panel))
    res = aggregate_table(table, "area,year", options=opts).set_index(["indicator", "area", "period"])
    raw = pd.read_parquet(small_panel)
    raw = raw[raw["industry"].str[:3].between("C13", "C43")]
    for area in ["CN", "CN-GD"]:
        part = raw[(raw["year"] == 2020) & ((raw["province"] == area) | (area == "CN"))]
        theta, se = _brute_jackknife(part, 10, 3)
        row = res.loc[("digital_design_tools", area, "2020")]
        assert row["value"] == pytest.approx(theta, rel=1e-12)
        assert row["std_error"] == pytest.approx(se, rel=1e-9)
        assert se > 0
        half = row["ci_high"] - row["value"]
        assert half == pytest.approx(2.2621571627 * se, rel=1e-8)  # t(0.975, 9 df)


def test_census_cells_have_no_sampling_error(small_panel: Path) -> None:
    """Enterprises above designated size are a census (weight 1): SE is exactly 0."""
    table = ibis.duckdb.connect().read_parquet(str(small_panel))
    res = aggregate_table(table, "area,year")
    rd = res[(res["indicator"] == "rd_intensity") & (res["confidentiality"] == "F")]
    assert len(rd) > 10 and (rd["std_error"] == 0).all()
