"""Imputation and transformation, hand-computed; imputed cells are flagged."""

import numpy as np

from mic2025.index import impute, transform

N = np.nan


def test_latest():
    f, flag = impute.apply(np.array([[N, 1.0, N, N, 4.0]]), "latest")
    np.testing.assert_array_equal(f, [[N, 1, 1, 1, 4]])
    np.testing.assert_array_equal(flag, [[False, False, True, True, False]])


def test_linear_no_extrapolation():
    f, _ = impute.apply(np.array([[N, 1.0, N, N, 4.0, N]]), "linear")
    np.testing.assert_array_equal(f, [[N, 1, 2, 3, 4, N]])


def test_group_mean():
    x = np.array([[1.0, N], [3.0, 5.0], [N, 7.0]])
    f, flag = impute.apply(x, "group_mean")
    np.testing.assert_array_equal(f, [[1, 6], [3, 5], [2, 7]])
    assert flag.sum() == 2


def test_none_keeps_gaps():
    x = np.array([[N, 1.0]])
    f, flag = impute.apply(x, "none")
    assert np.isnan(f[0, 0]) and not flag.any()


def test_log_and_winsorise():
    np.testing.assert_allclose(transform.log(np.array([1.0, np.e])), [0, 1])
    assert np.isnan(transform.log(np.array([0.0]))[0])
    x = np.arange(1.0, 12.0)  # 1..11, quantiles 0.1 → 2, 0.9 → 10
    np.testing.assert_array_equal(transform.winsorise(x, (0.1, 0.9)), [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10])
