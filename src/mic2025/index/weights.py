"""Weighting schemes: equal, explicit, PCA and entropy.

All return a vector summing to one over the columns of a block (the indicators of one
dimension, or the dimensions).  Data-driven weights (PCA, entropy) are estimated once on
the pooled country-year rows with complete data, so the weights — and hence the meaning
of the score — do not change from year to year.
"""

from __future__ import annotations

import numpy as np


def equal(k: int) -> np.ndarray:
    """1/k each."""
    return np.full(k, 1.0 / k)


def explicit(w: np.ndarray | list[float]) -> np.ndarray:
    """Spec weights rescaled to sum to one (all-zero weights fall back to equal)."""
    w = np.asarray(w, dtype=float)
    if np.any(w < 0):
        raise ValueError("weights must be non-negative")
    s = w.sum()
    return w / s if s > 0 else equal(w.size)


def _complete_rows(data: np.ndarray) -> np.ndarray:
    data = np.asarray(data, dtype=float).reshape(-1, np.shape(data)[-1])
    return data[~np.isnan(data).any(axis=1)]


def pca(data: np.ndarray) -> np.ndarray:
    """Squared loadings of the first principal component of the correlation matrix.

    The eigenvector has unit length, so its squared entries already sum to one: each
    indicator's weight is its share of the variance the first component explains
    (OECD/JRC Handbook, simplified to one component).  Constant columns get weight 0;
    with fewer than three complete rows or one column the weights are equal.
    """
    rows = _complete_rows(data)
    k = rows.shape[1]
    if k == 1 or rows.shape[0] < 3:
        return equal(k)
    sd = rows.std(axis=0)
    live = sd > 0
    if live.sum() <= 1:
        return explicit(live.astype(float))
    z = (rows[:, live] - rows[:, live].mean(axis=0)) / sd[live]
    corr = (z.T @ z) / z.shape[0]
    vals, vecs = np.linalg.eigh(corr)
    load = vecs[:, np.argmax(vals)]
    w = np.zeros(k)
    w[live] = load**2
    return w / w.sum()


def entropy(data: np.ndarray) -> np.ndarray:
    """Entropy weight method: more dispersion across rows → more weight.

    p_ij = y_ij / sum_i y_ij, e_j = -sum_i p_ij ln p_ij / ln n, w_j ∝ 1 - e_j.  Columns
    with negative values (z-scores) are first shifted so their minimum is zero.  If no
    column carries information the weights are equal.
    """
    rows = _complete_rows(data)
    n, k = rows.shape
    if n < 2:
        return equal(k)
    y = rows - np.minimum(rows.min(axis=0), 0.0)
    tot = y.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tot > 0, y / np.where(tot > 0, tot, 1.0), 1.0 / n)
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = -plogp.sum(axis=0) / np.log(n)
    d = np.clip(1.0 - e, 0.0, None)
    return d / d.sum() if d.sum() > 0 else equal(k)


def scheme(name: str, data: np.ndarray, spec_weights: np.ndarray) -> np.ndarray:
    """Dispatch by spec name; ``data`` has the block's columns in its last axis."""
    k = np.shape(data)[-1]
    if name == "equal":
        return equal(k)
    if name == "explicit":
        return explicit(spec_weights)
    if name == "pca":
        return pca(data)
    if name == "entropy":
        return entropy(data)
    raise ValueError(f"unknown weighting {name!r}")
