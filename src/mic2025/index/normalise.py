"""Normalisation of indicators to a common scale, with direction handled here.

All functions take ``x[country, year]`` for one indicator and return the same shape.
``higher=False`` flips the indicator so that a larger output is always better, which
is what makes monotonicity of the final score a testable invariant.
``scope='pooled'`` uses all countries and years as reference (scores comparable over
time); ``scope='year'`` re-references every year (a pure cross-section, as many
published rankings do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def _ref_axis(scope: str) -> tuple[int, ...]:
    if scope == "pooled":
        return (0, 1)
    if scope == "year":
        return (0,)
    raise ValueError(f"unknown scope {scope!r}")


def minmax(x: np.ndarray, higher: bool = True, scope: str = "pooled") -> np.ndarray:
    """(x - min) / (max - min) in [0, 1]; a constant indicator maps to 0.5."""
    x = np.asarray(x, dtype=float)
    ax = _ref_axis(scope)
    with np.errstate(invalid="ignore", divide="ignore"), _quiet():
        lo = np.nanmin(x, axis=ax, keepdims=True)
        hi = np.nanmax(x, axis=ax, keepdims=True)
        rng = hi - lo
        z = np.where(rng > 0, ((x - lo) if higher else (hi - x)) / np.where(rng > 0, rng, 1), 0.5)
    return np.where(np.isnan(x), np.nan, z)


def zscore(x: np.ndarray, higher: bool = True, scope: str = "pooled") -> np.ndarray:
    """(x - mean) / sd with the population sd (ddof=0); a constant indicator maps to 0."""
    x = np.asarray(x, dtype=float)
    ax = _ref_axis(scope)
    with np.errstate(invalid="ignore", divide="ignore"), _quiet():
        mu = np.nanmean(x, axis=ax, keepdims=True)
        sd = np.nanstd(x, axis=ax, keepdims=True)
        z = np.where(sd > 0, (x - mu) / np.where(sd > 0, sd, 1), 0.0)
    z = z if higher else -z
    return np.where(np.isnan(x), np.nan, z + 0.0)


def rank(x: np.ndarray, higher: bool = True, scope: str = "year") -> np.ndarray:
    """Average rank rescaled to [0, 1]: (r - 1) / (n - 1); a lone value maps to 0.5."""
    x = np.asarray(x, dtype=float)
    v = x if higher else -x
    out = np.full_like(x, np.nan)
    if scope == "pooled":
        groups = [np.s_[:, :]]
    else:
        _ref_axis(scope)
        groups = [np.s_[:, t] for t in range(x.shape[1])]
    for g in groups:
        block = v[g]
        ok = ~np.isnan(block)
        n = int(ok.sum())
        if n == 0:
            continue
        from scipy.stats import rankdata

        r = rankdata(block[ok], method="average")
        res = np.full(block.shape, np.nan)
        res[ok] = (r - 1) / (n - 1) if n > 1 else 0.5
        out[g] = res
    return out


def goalposts(x: np.ndarray, low: float, high: float, higher: bool = True) -> np.ndarray:
    """Distance between fixed goalposts, clipped to [0, 1] (UNDP HDI style)."""
    x = np.asarray(x, dtype=float)
    z = (x - low) / (high - low) if higher else (high - x) / (high - low)
    return np.clip(z, 0.0, 1.0)


def benchmark_value(x: np.ndarray, rows: np.ndarray, year_index: int) -> float:
    """Mean of the benchmark countries' values in the benchmark year (observed ones only)."""
    vals = np.asarray(x, dtype=float)[np.asarray(rows, dtype=bool), year_index]
    vals = vals[~np.isnan(vals)]
    return float(vals.mean()) if vals.size else float("nan")


def benchmark(x: np.ndarray, ref: float, higher: bool = True) -> np.ndarray:
    """Distance to a benchmark as in CAE's MPDI: 100 * x / ref (or 100 * ref / x if lower is
    better).  100 means "at the benchmark"; a non-positive value of a lower-is-better
    indicator has no defined ratio and becomes NaN."""
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        if higher:
            return 100.0 * x / ref
        return np.where(x > 0, 100.0 * ref / np.where(x > 0, x, 1.0), np.nan)


def to_positive(z: np.ndarray, method: str, floor: float = 0.01) -> np.ndarray:
    """Strictly positive, order-preserving form for geometric and harmonic means.

    Bounded methods ([0, 1]) are mapped affinely to [floor, 1]; z-scores through the
    standard normal CDF first; benchmark ratios (≈100 scale) are floored at 100*floor.
    """
    if method not in NORMALISERS:
        raise ValueError(f"unknown normalisation {method!r}")
    return NORMALISERS[method].positive(np.asarray(z, dtype=float), floor)


@dataclass(frozen=True)
class Column:
    """What a normaliser may use besides one indicator's values ``x[country, year]``."""

    higher: bool
    scope: str = "pooled"
    goalposts: tuple[float, float] | None = None
    benchmark: float | None = None


@dataclass(frozen=True)
class Normaliser:
    """A normalisation method: how it scales a column, and its strictly positive form."""

    scale: Callable[[np.ndarray, Column], np.ndarray]
    positive: Callable[[np.ndarray, float], np.ndarray]


def _bounded_positive(z: np.ndarray, floor: float) -> np.ndarray:
    return floor + (1.0 - floor) * z


def _zscore_positive(z: np.ndarray, floor: float) -> np.ndarray:
    from scipy.special import ndtr

    return floor + (1.0 - floor) * ndtr(z)


def _ratio_positive(z: np.ndarray, floor: float) -> np.ndarray:
    return np.where(np.isnan(z), np.nan, np.maximum(z, 100.0 * floor))


def _goalposts(x: np.ndarray, c: Column) -> np.ndarray:
    if c.goalposts is None:
        raise ValueError("goalposts normalisation needs the indicator's goalposts")
    return goalposts(x, c.goalposts[0], c.goalposts[1], c.higher)


def _benchmark(x: np.ndarray, c: Column) -> np.ndarray:
    if c.benchmark is None:
        raise ValueError("benchmark normalisation needs [index.benchmark]")
    return benchmark(x, c.benchmark, c.higher)


NORMALISERS: dict[str, Normaliser] = {
    "minmax": Normaliser(lambda x, c: minmax(x, c.higher, c.scope), _bounded_positive),
    "zscore": Normaliser(lambda x, c: zscore(x, c.higher, c.scope), _zscore_positive),
    "rank": Normaliser(lambda x, c: rank(x, c.higher, c.scope), _bounded_positive),
    "goalposts": Normaliser(_goalposts, _bounded_positive),
    "benchmark": Normaliser(_benchmark, _ratio_positive),
}
"""Every normalisation by name: the spec's choices, the computation and the uncertainty
analysis all read this table, so adding a method is one entry here."""


class _quiet:
    """Silence numpy's 'All-NaN slice' RuntimeWarnings for indicators with no data."""

    def __enter__(self) -> None:
        import warnings

        self._cm = warnings.catch_warnings()
        self._cm.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc: object) -> None:
        self._cm.__exit__(*exc)
