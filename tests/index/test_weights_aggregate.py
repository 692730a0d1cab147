"""Hand-computed weights and aggregations."""

import numpy as np
import pytest

from mic2025.index import aggregate as agg
from mic2025.index import weights as wts


def test_equal_explicit():
    np.testing.assert_allclose(wts.equal(4), [0.25] * 4)
    np.testing.assert_allclose(wts.explicit([1, 3]), [0.25, 0.75])


def test_pca_hand():
    # columns a and b perfectly correlated, c uncorrelated with both → PC1 = (1,1,0)/√2
    d = np.array([[1, 2, 1], [2, 4, -1], [3, 6, -1], [4, 8, 1]], dtype=float)
    np.testing.assert_allclose(wts.pca(d), [0.5, 0.5, 0.0], atol=1e-12)


def test_entropy_hand():
    # col0 constant → e=1, weight 0; col1 [1,3]: p=[.25,.75]
    d = np.array([[1.0, 1.0], [1.0, 3.0]])
    np.testing.assert_allclose(wts.entropy(d), [0.0, 1.0])
    d3 = np.array([[1.0, 1.0, 1.0], [1.0, 3.0, 1.0], [1.0, 1.0, 2.0]])
    # col1 p=(.2,.6,.2), col2 p=(.25,.25,.5); e = H/ln3
    e1 = -(2 * 0.2 * np.log(0.2) + 0.6 * np.log(0.6)) / np.log(3)
    e2 = -(2 * 0.25 * np.log(0.25) + 0.5 * np.log(0.5)) / np.log(3)
    d1, d2 = 1 - e1, 1 - e2
    np.testing.assert_allclose(wts.entropy(d3), [0, d1 / (d1 + d2), d2 / (d1 + d2)], atol=1e-12)


def test_means_hand():
    v = np.array([1.0, 4.0])
    w = np.array([0.5, 0.5])
    assert agg.aggregate(v, w, "arithmetic")[0] == pytest.approx(2.5)
    assert agg.aggregate(v, w, "geometric")[0] == pytest.approx(2.0)
    assert agg.aggregate(v, w, "harmonic")[0] == pytest.approx(1.6)  # 1/(0.5/1+0.5/4)
    assert agg.aggregate(v, np.array([0.25, 0.75]), "arithmetic")[0] == pytest.approx(3.25)


def test_missing_and_coverage():
    v = np.array([2.0, np.nan, 4.0])
    s, c = agg.aggregate(v, np.array([1.0, 2.0, 1.0]), "arithmetic", min_coverage=0.5)
    assert s == pytest.approx(3.0) and c == pytest.approx(0.5)
    s, _ = agg.aggregate(v, np.array([1.0, 2.0, 1.0]), "arithmetic", min_coverage=0.6)
    assert np.isnan(s)


def test_geometric_rejects_non_positive():
    with pytest.raises(ValueError):
        agg.aggregate(np.array([0.0, 1.0]), np.array([1.0, 1.0]), "geometric")


def test_batch_equals_single():
    rng = np.random.default_rng(0)
    v = rng.random((6, 3)) + 0.1
    v[2, 1] = np.nan
    w = rng.random((4, 3))
    for m in ("arithmetic", "geometric", "harmonic"):
        b, _ = agg.aggregate_batch(v, w, m)
        for r in range(4):
            np.testing.assert_allclose(b[r], agg.aggregate(v, w[r], m)[0])
