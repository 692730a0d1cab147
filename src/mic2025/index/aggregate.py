"""Weighted generalised means (arithmetic, geometric, harmonic) with missing data.

A missing component is dropped and the remaining weights are rescaled; the share of
weight actually present is returned as *coverage* so the caller can refuse to score a
unit whose data are too thin (spec ``min_coverage``) instead of pretending.

The batch form evaluates many weight vectors at once with one matrix product, which is
what makes the Monte Carlo vectorised over replications.
"""

from __future__ import annotations

import numpy as np

POWER = {"arithmetic": 1, "geometric": 0, "harmonic": -1}


def _f(v: np.ndarray, p: int) -> np.ndarray:
    """Map to the space where the mean is arithmetic (identity, log, reciprocal)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if p == 1:
            return v
        if np.any(v[~np.isnan(v)] <= 0):
            raise ValueError("geometric/harmonic means need strictly positive values")
        return np.log(v) if p == 0 else 1.0 / v


def _finv(m: np.ndarray, p: int) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if p == 1:
            return m
        return np.exp(m) if p == 0 else 1.0 / m


def aggregate(
    values: np.ndarray,
    weights: np.ndarray,
    method: str = "arithmetic",
    min_coverage: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Mean over the last axis of ``values`` with ``weights`` (same last-axis length).

    Returns ``(score, coverage)``; score is NaN where coverage < ``min_coverage`` or no
    component is present.
    """
    p = POWER[method]
    v = np.asarray(values, dtype=float)
    w = np.broadcast_to(np.asarray(weights, dtype=float), v.shape)
    present = ~np.isnan(v)
    we = np.where(present, w, 0.0)
    fv = np.where(present, _f(v, p), 0.0)
    den = we.sum(axis=-1)
    tot = w.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = (we * fv).sum(axis=-1) / den
        cov = np.where(tot > 0, den / np.where(tot > 0, tot, 1.0), 0.0)
    score = _finv(m, p)
    bad = (den <= 0) | (cov < min_coverage - 1e-12)
    return np.where(bad, np.nan, score), cov


def aggregate_batch(
    values: np.ndarray,
    weights: np.ndarray,
    method: str = "arithmetic",
    min_coverage: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Many weight vectors at once: ``values (N, k)``, ``weights (R, k)`` → ``(R, N)``.

    Equivalent to calling :func:`aggregate` once per weight row, via two matrix products.
    """
    p = POWER[method]
    v = np.asarray(values, dtype=float)
    present = ~np.isnan(v)
    fv = np.where(present, _f(v, p), 0.0)
    w = np.asarray(weights, dtype=float)
    num = w @ fv.T
    den = w @ present.T.astype(float)
    tot = w.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        m = num / den
        cov = np.where(tot > 0, den / np.where(tot > 0, tot, 1.0), 0.0)
    score = _finv(m, p)
    bad = (den <= 0) | (cov < min_coverage - 1e-12)
    return np.where(bad, np.nan, score), cov
