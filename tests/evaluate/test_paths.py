"""Target paths, hand-computed."""

from __future__ import annotations

import pandas as pd
import pytest

from mic2025.evaluate.paths import target_paths


def _card(**overrides) -> pd.DataFrame:
    row = {
        "target": "t",
        "indicator": "x",
        "area": "CN",
        "sector": "_T",
        "method": "growth_ratio",
        "baseline_year": 2015.0,
        "baseline_value": 100.0,
        "target_year": 2020,
        "target_value": 82.0,
    }
    row.update(overrides)
    return pd.DataFrame([row, {**row, "method": "trend"}])


def test_compound_path_from_baseline_to_target() -> None:
    path = target_paths(_card())
    assert path["year"].tolist() == [2015, 2016, 2017, 2018, 2019, 2020]
    # 100 × 0.82^(k/5): 2016 → 100 × 0.82^0.2 = 96.11
    assert path["value"].iloc[1] == pytest.approx(100 * 0.82**0.2)
    assert path["value"].iloc[-1] == pytest.approx(82.0)
    assert len(path) == 6  # one path per target, not per method


def test_path_towards_a_ceiling_compounds_the_distance_left() -> None:
    path = target_paths(_card(baseline_value=50.0, target_value=70.0), upper_bounds={"x": 100.0})
    # distance 50 → 30: 100 − 50 × 0.6^(1/5) in 2016
    assert path["value"].iloc[1] == pytest.approx(100 - 50 * 0.6**0.2)
    assert path["value"].iloc[-1] == pytest.approx(70.0)


def test_linear_when_compound_growth_is_undefined() -> None:
    path = target_paths(_card(baseline_value=-2.0, target_value=3.0))
    assert path["value"].tolist() == pytest.approx([-2.0, -1.0, 0.0, 1.0, 2.0, 3.0])


def test_no_path_without_a_baseline() -> None:
    assert target_paths(_card(baseline_value=float("nan"))).empty
