"""Hand-computed normalisations (numbers written out) and their invariants."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mic2025.index import normalise as nrm
from profiles import examples

X = np.array([[1.0], [2.0], [4.0]])  # 3 countries, 1 year


def test_minmax_hand():
    np.testing.assert_allclose(nrm.minmax(X)[:, 0], [0, 1 / 3, 1])
    np.testing.assert_allclose(nrm.minmax(X, higher=False)[:, 0], [1, 2 / 3, 0])


def test_zscore_hand():
    # mean 7/3, population sd sqrt(14/9)
    sd = np.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 3)
    np.testing.assert_allclose(nrm.zscore(X)[:, 0], [(1 - 7 / 3) / sd, (2 - 7 / 3) / sd, (4 - 7 / 3) / sd])
    np.testing.assert_allclose(sd, np.sqrt(14 / 9))


def test_rank_hand_and_ties():
    np.testing.assert_allclose(nrm.rank(X)[:, 0], [0, 0.5, 1])
    np.testing.assert_allclose(nrm.rank(np.array([[5.0], [5.0], [1.0]]))[:, 0], [0.75, 0.75, 0])


def test_goalposts_hand():
    np.testing.assert_allclose(nrm.goalposts(np.array([0.0, 5.0, 20.0]), 0, 10), [0, 0.5, 1])
    np.testing.assert_allclose(nrm.goalposts(np.array([2.0]), 0, 10, higher=False), [0.8])


def test_benchmark_hand():
    x = np.array([[2.0, 4.0], [6.0, 8.0], [1.0, 1.0]])  # 3 countries × 2 years
    b = nrm.benchmark_value(x, np.array([True, True, False]), 0)
    assert b == 4.0  # (2 + 6) / 2
    np.testing.assert_allclose(nrm.benchmark(x, b)[:, 1], [100, 200, 25])
    np.testing.assert_allclose(nrm.benchmark(x, b, higher=False)[:, 1], [100, 50, 400])


def test_missing_stays_missing():
    x = np.array([[1.0], [np.nan], [3.0]])
    for f in (nrm.minmax, nrm.zscore, nrm.rank):
        out = f(x)
        assert np.isnan(out[1, 0]) and not np.isnan(out[0, 0])


def test_positive_form():
    np.testing.assert_allclose(nrm.to_positive(np.array([0.0, 1.0]), "minmax", 0.01), [0.01, 1])
    assert nrm.to_positive(np.array([0.0]), "zscore", 0.01)[0] == pytest.approx(0.505)


finite = st.floats(0.1, 1e6, allow_nan=False)


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(finite, min_size=3, max_size=8), st.floats(0.01, 1000))
def test_scale_invariance(vals, k):
    x = np.array(vals)[:, None]
    assume(np.ptp(x) > 1e-6 * np.max(x))  # not constant up to rounding
    for f in (nrm.minmax, nrm.zscore, nrm.rank):
        np.testing.assert_allclose(f(x * k), f(x), atol=1e-6)
    np.testing.assert_allclose(nrm.benchmark(x * k, 2.0 * k), nrm.benchmark(x, 2.0), rtol=1e-9)
