"""Sampling error of the weighted estimates: the delete-a-group jackknife (DAGJK).

Why this method: every indicator is a ratio of weighted sums, and the engine already returns
those sums per cell *and per random group* of enterprises in the same single scan
(:func:`mic2025.microdata.indicators.cell_sums`).  The jackknife replicate that deletes group
g is then ``scale · (N − N_g) / (D − D_g)`` — pure arithmetic on a small table, no second
pass over the records and no replicate-weight columns (a bootstrap with B replicates would
need B weighted sums per indicator in the scan).  Kott (2001), "The delete-a-group jackknife",
J. Official Statistics 17(4): with G groups,

    v(θ) = (1 − f) · (G − 1)/G · Σ_g (θ_(g) − θ)²,     CI = θ ± t_{G−1, 1−α/2} · √v

where (1 − f) = 1 − n/Σw is the finite population correction of the cell, so a census
(every weight 1, e.g. enterprises above designated size) has no sampling error, as it
should.  Groups are formed by enterprise, so a panel enterprise is in the same group every
year.
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def jackknife(
    num_g: np.ndarray,
    den_g: np.ndarray,
    n: np.ndarray,
    sw: np.ndarray,
    *,
    scale: float,
    confidence: float = 0.95,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Value, standard error and confidence interval of one indicator for each cell.

    ``num_g`` and ``den_g`` have shape (cells, G): the weighted numerator and denominator
    sums of each cell in each jackknife group (zero where a group has no unit in the cell,
    whose replicate then equals the full estimate).  ``n`` and ``sw`` are the cell's unit
    count and weight sum (for the finite population correction).
    Returns (value, se, ci_low, ci_high); SE is NaN where a replicate deletes the whole cell.
    """
    groups = num_g.shape[1]
    if groups < 2:
        raise ValueError("the jackknife needs at least 2 groups")
    tq = float(stats.t.ppf(0.5 + confidence / 2.0, groups - 1))
    num = num_g.sum(axis=1)
    den = den_g.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(den > 0, scale * num / den, np.nan)
        rest_den = den[:, None] - den_g
        theta_g = np.where(rest_den > 0, scale * (num[:, None] - num_g) / rest_den, np.inf)
        ss = ((theta_g - value[:, None]) ** 2).sum(axis=1)
        fpc = np.clip(1.0 - np.where(sw > 0, n / sw, 0.0), 0.0, 1.0)
        var = np.where(fpc == 0.0, 0.0, fpc * (groups - 1) / groups * ss)  # census: exact
    se = np.where(np.isfinite(var) & np.isfinite(value), np.sqrt(var), np.nan)
    return value, se, value - tq * se, value + tq * se
