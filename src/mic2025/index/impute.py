"""Imputation of missing country-year values — only when the spec asks for it.

Each function takes one indicator's array ``x[country, year]`` and returns the filled
array; :func:`apply` also returns a boolean mask of the cells that were filled so that
every imputed value can be flagged in the output.
"""

from __future__ import annotations

import numpy as np


def latest(x: np.ndarray) -> np.ndarray:
    """Carry the latest earlier observation forward in time (no backward filling)."""
    x = np.asarray(x, dtype=float)
    t = np.arange(x.shape[1])
    idx = np.where(~np.isnan(x), t[None, :], -1)
    np.maximum.accumulate(idx, axis=1, out=idx)
    out = np.take_along_axis(x, np.maximum(idx, 0), axis=1)
    out[idx < 0] = np.nan
    return out


def linear(x: np.ndarray) -> np.ndarray:
    """Linear interpolation in time between observations; no extrapolation beyond them."""
    x = np.asarray(x, dtype=float)
    out = x.copy()
    t = np.arange(x.shape[1], dtype=float)
    for c in range(x.shape[0]):
        ok = ~np.isnan(x[c])
        if ok.sum() < 2:
            continue
        first, last = np.flatnonzero(ok)[[0, -1]]
        inner = slice(first, last + 1)
        out[c, inner] = np.interp(t[inner], t[ok], x[c, ok])
    return out


def group_mean(x: np.ndarray, group: np.ndarray | None = None) -> np.ndarray:
    """Fill a gap with the same year's mean over the group's observed countries."""
    x = np.asarray(x, dtype=float)
    rows = x if group is None else x[np.asarray(group, dtype=bool)]
    with np.errstate(invalid="ignore"):
        obs = ~np.isnan(rows)
        n = obs.sum(axis=0)
        mean = np.where(n > 0, np.nansum(rows, axis=0) / np.maximum(n, 1), np.nan)
    return np.where(np.isnan(x), mean[None, :], x)


def apply(x: np.ndarray, method: str, group: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(filled, imputed_mask)`` for spec method ``none|latest|linear|group_mean``."""
    x = np.asarray(x, dtype=float)
    if method == "none":
        filled = x.copy()
    elif method == "latest":
        filled = latest(x)
    elif method == "linear":
        filled = linear(x)
    elif method == "group_mean":
        filled = group_mean(x, group)
    else:
        raise ValueError(f"unknown imputation {method!r}")
    return filled, np.isnan(x) & ~np.isnan(filled)
