"""Indicator transformations applied before normalisation (log, winsorise).

Both act on one indicator's country×year array.  They exist to tame skewed levels
(manufacturing value added spans three orders of magnitude) so that one economy does
not dominate an arithmetic mean.  Missing stays missing.
"""

from __future__ import annotations

import numpy as np


def log(x: np.ndarray) -> np.ndarray:
    """Natural log; non-positive values become NaN (a log of them would be invented)."""
    x = np.asarray(x, dtype=float)
    out = np.full_like(x, np.nan)
    pos = x > 0
    out[pos] = np.log(x[pos])
    return out


def winsorise(x: np.ndarray, limits: tuple[float, float] = (0.05, 0.95)) -> np.ndarray:
    """Clip to the pooled ``limits`` quantiles (linear interpolation) of the observed values."""
    x = np.asarray(x, dtype=float)
    obs = x[~np.isnan(x)]
    if obs.size == 0:
        return x.copy()
    lo, hi = np.quantile(obs, limits)
    return np.clip(x, lo, hi)


def apply(x: np.ndarray, method: str, limits: tuple[float, float] = (0.05, 0.95)) -> np.ndarray:
    """Dispatch by spec name (``none``, ``log``, ``winsorise``)."""
    if method == "none":
        return np.asarray(x, dtype=float).copy()
    if method == "log":
        return log(x)
    if method == "winsorise":
        return winsorise(x, limits)
    raise ValueError(f"unknown transform {method!r}")
