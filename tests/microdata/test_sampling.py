"""The delete-a-group jackknife (microdata/sampling.py) against a brute-force recomputation
in which the test itself assigns the units to groups and deletes each group in turn."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from mic2025.microdata.sampling import jackknife


def brute(
    w: np.ndarray,
    num: np.ndarray,
    den: np.ndarray,
    group: np.ndarray,
    groups: int,
    scale: float,
    confidence: float,
) -> tuple[float, float, float, float]:
    """theta = scale Σw·num / Σw·den; replicate g without group g's units; Kott's variance."""
    theta = scale * (w * num).sum() / (w * den).sum()
    reps = []
    for g in range(groups):
        keep = group != g
        reps.append(scale * (w * num)[keep].sum() / (w * den)[keep].sum())
    fpc = 1 - len(w) / w.sum()
    se = np.sqrt(fpc * (groups - 1) / groups * sum((r - theta) ** 2 for r in reps))
    t = stats.t.ppf(0.5 + confidence / 2, groups - 1)
    return theta, se, theta - t * se, theta + t * se


def sums(values: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    return np.array([values[group == g].sum() for g in range(groups)])


@pytest.mark.parametrize(("groups", "confidence"), [(2, 0.95), (5, 0.90), (12, 0.95)])
def test_jackknife_equals_deleting_each_group(groups: int, confidence: float) -> None:
    rng = np.random.default_rng(groups)
    cells = []
    for size in (30, 80, 200):
        w = rng.uniform(1, 40, size)
        num = rng.uniform(0, 50, size) * (rng.random(size) < 0.7)
        den = rng.uniform(100, 1000, size)
        group = rng.permutation(np.arange(size) % groups)  # the test's own assignment
        cells.append((w, num, den, group))
    num_g = np.array([sums(w * num, g, groups) for w, num, den, g in cells])
    den_g = np.array([sums(w * den, g, groups) for w, num, den, g in cells])
    n = np.array([len(c[0]) for c in cells], dtype=float)
    sw = np.array([c[0].sum() for c in cells])
    value, se, lo, hi = jackknife(num_g, den_g, n, sw, scale=100.0, confidence=confidence)
    for k, (w, num, den, group) in enumerate(cells):
        want = brute(w, num, den, group, groups, 100.0, confidence)
        np.testing.assert_allclose([value[k], se[k], lo[k], hi[k]], want, rtol=1e-10)
        assert se[k] > 0


def test_hand_computed_two_groups() -> None:
    # units (w, num, den): group 0 = (2, 1, 10), (2, 3, 10); group 1 = (4, 2, 10)
    # theta = (2 + 6 + 8) / (20 + 20 + 40) = 0.2; without group 0: 8/40 = 0.2; without 1: 8/40 = 0.2
    # -> every replicate equals theta: SE 0 although the cell is a sample (fpc = 1 - 3/8)
    value, se, lo, hi = jackknife(
        np.array([[8.0, 8.0]]), np.array([[40.0, 40.0]]), np.array([3.0]), np.array([8.0]), scale=1.0
    )
    assert (value[0], se[0], lo[0], hi[0]) == (0.2, 0.0, 0.2, 0.2)
    # group 1 = (4, 4, 10) instead: theta = 24/80 = 0.3; replicates 16/40 = 0.4 and 8/40 = 0.2
    # v = (1 - 3/8) * (1/2) * (0.1² + 0.1²) = 0.00625
    value, se, lo, hi = jackknife(
        np.array([[8.0, 16.0]]), np.array([[40.0, 40.0]]), np.array([3.0]), np.array([8.0]), scale=1.0
    )
    assert value[0] == pytest.approx(0.3)
    assert se[0] == pytest.approx(np.sqrt(0.00625))
    assert hi[0] - value[0] == pytest.approx(12.706204736 * np.sqrt(0.00625))  # t(0.975, 1 df)


def test_census_has_no_sampling_error_and_a_deleted_cell_has_no_se() -> None:
    num_g = np.array([[5.0, 7.0, 1.0], [5.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    den_g = np.array([[10.0, 20.0, 5.0], [10.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    n = np.array([3.0, 4.0, 0.0])
    sw = np.array([3.0, 9.0, 0.0])  # cell 0: every weight 1, a census
    value, se, _, _ = jackknife(num_g, den_g, n, sw, scale=100.0)
    assert value[0] == pytest.approx(100 * 13 / 35) and se[0] == 0.0
    # cell 1: all units in group 0, so deleting it leaves nothing -> SE undefined
    assert value[1] == 50.0 and np.isnan(se[1])
    assert np.isnan(value[2]) and np.isnan(se[2])  # no denominator at all


def test_one_group_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2 groups"):
        jackknife(np.ones((1, 1)), np.ones((1, 1)), np.ones(1), np.ones(1), scale=1.0)
