"""Small vectorised helpers shared by the methods."""

from __future__ import annotations

import numpy as np
import pandas as pd

AAG = "average_annual_growth"


def col(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A numeric column as a float array (NaN for missing)."""
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def meets(value: np.ndarray, level: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """True where ``value`` is at or past ``level`` in the desired direction.

    A relative tolerance of 1e-9 keeps 82.0 == 82.0000000001 from being a miss.
    """
    tol = 1e-9 * np.maximum(1.0, np.abs(level))
    with np.errstate(invalid="ignore"):
        return np.nan_to_num(direction * (value - level), nan=-np.inf) >= -tol


def join_notes(n: int, parts: list[tuple[np.ndarray, object]]) -> np.ndarray:
    """Join note fragments where their mask is true, with '; '."""
    out = pd.Series([""] * n, dtype=object)
    for mask, text in parts:
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            continue
        piece = pd.Series(text if not isinstance(text, str) else [text] * n, dtype=object)
        joined = np.where(out == "", piece, out + "; " + piece)
        out = pd.Series(np.where(m, joined, out), dtype=object)
    return out.to_numpy(dtype=object)


def span(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """'2015-2019' style labels of the years a method used ('' when unknown)."""
    ok = ~(np.isnan(first) | np.isnan(last))
    a = pd.Series(np.where(ok, first, 0)).astype(int).astype(str)
    b = pd.Series(np.where(ok, last, 0)).astype(int).astype(str)
    return np.where(ok, a + "-" + b, "").astype(object)
