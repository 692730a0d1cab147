"""Small hand-made spec and panel shared by the index tests (not real data)."""

import numpy as np
import pytest

from mic2025.index.panel import Panel
from mic2025.index.spec import IndexSpec


def small_spec(**norm) -> IndexSpec:
    return IndexSpec.model_validate(
        {
            "index": {
                "id": "t",
                "name": "test",
                "countries": ["A", "B", "C"],
                "benchmark": {"countries": ["A", "B"], "year": 2000},
            },
            "normalisation": {"method": "minmax", **norm},
            "aggregation": {"indicator_weights": "explicit", "dimension_weights": "explicit"},
            "dimensions": [{"id": "d1", "name": "d1"}, {"id": "d2", "name": "d2", "weight": 3}],
            "indicators": [
                {"id": "x", "name": "x", "dimension": "d1", "series": "s"},
                {"id": "y", "name": "y", "dimension": "d1", "series": "s", "direction": "lower"},
                {"id": "z", "name": "z", "dimension": "d2", "series": "s"},
            ],
            "steps": {
                "country": "C",
                "group": ["A", "B"],
                "milestones": [{"year": 2025, "label": "enter", "max_rank_in_group": 2}],
            },
            "uncertainty": {
                "imputation": ["none", "latest"],
                "transform": ["spec", "log"],
                "normalisation": ["minmax", "zscore", "rank", "benchmark"],
                "weighting": ["explicit", "equal", "pca", "entropy"],
                "aggregation_indicator": ["arithmetic", "geometric"],
                "aggregation_dimension": ["arithmetic", "harmonic"],
            },
        }
    )


def small_panel() -> Panel:
    # A, B, C × 2000, 2001 × x, y, z
    v = np.array(
        [
            [[1.0, 4.0, 2.0], [2.0, 4.0, 3.0]],
            [[2.0, 2.0, 4.0], [3.0, 1.0, 5.0]],
            [[4.0, 1.0, 1.0], [5.0, np.nan, 2.0]],
        ]
    )
    return Panel(["A", "B", "C"], [2000, 2001], ["x", "y", "z"], v, {})


@pytest.fixture
def spec() -> IndexSpec:
    return small_spec()


@pytest.fixture
def panel() -> Panel:
    return small_panel()
