"""Method 3: linear trend projection with a 90 % prediction interval.

Ordinary least squares ``y = a + b * year`` on the most recent ``window`` (default 8)
annual values up to the target year and after the latest break in series; at least
three points are needed (one degree of freedom for the residual variance).  At the
target year T, with n points, mean year x̄, Sxx = Σ(x - x̄)², residual variance s²::

    y^_T  = a + b T
    se_T  = s * sqrt(1 + 1/n + (T - x̄)² / Sxx)
    PI90  = y^_T ± t_{0.95, n-2} * se_T
    P(meet) = P(Y_T >= L) = 1 - F_t((L - y^_T) / se_T; n - 2)   (<= L when lower is better)

The status uses the same share-of-gap scale as the UNSD method on the trend
projection, ``S = (y^_T - y_r) / (L - y_r)`` with the reference y_r the baseline (or
the first value of the window when there is none), thresholds 0.95 / 0.10 / 0, and
``achieved`` when the latest value is past the target.  (A rule on the slope's
significance was rejected: a worse latest value can make a decline less significant
and so give a better status.)  The projection is capped at a natural limit for S.

The fit is the closed-form OLS, computed for all rows at once from grouped sums; the
tests check it against ``statsmodels`` OLS ``get_prediction(...).summary_frame``.
For average annual growth targets the trend of the growth rate is extended over the
remaining years of the period and the projected period mean is compared with the
target; its interval uses the variance of the mean of the k future values,
``s² (1/k + 1/n + (x_f - x̄)² / Sxx)`` at their mean year x_f.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from mic2025.evaluate.methods._common import col, join_notes, meets, prepared, span, verdict
from mic2025.evaluate.status import classify

NAME = "trend"
THRESHOLDS = (0.95, 0.10, 0.0)
LEVEL = 0.90
MIN_POINTS = 3
FORMULA = (
    "OLS y=a+b*year on last <=8 years; y^_T=a+bT, PI90=y^_T±t(.95,n-2)*s*sqrt(1+1/n+(T-x̄)²/Sxx), "
    "P(meet)=P_t(Y_T past L); S=(y^_T-y_r)/(L-y_r): achieved if y_t past L, S>=0.95 on track, "
    ">=0.10 needs acceleration, >=0 stagnating, <0 regressing"
)


def fit(
    n: np.ndarray,
    xbar: np.ndarray,
    ybar: np.ndarray,
    sxx: np.ndarray,
    sxy: np.ndarray,
    syy: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Slope and residual standard deviation from centred sums (vectorised OLS)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = sxy / sxx
        sse = np.maximum(syy - slope * sxy, 0.0)
        s = np.sqrt(sse / (n - 2))
    return slope, s


def predictive(
    centre: np.ndarray, se: np.ndarray, df: np.ndarray, level: np.ndarray, direction: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PI bounds at ``LEVEL`` and the probability of being at/past ``level``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        dfv = np.where(df > 0, df, np.nan)
        q = stats.t.ppf(0.5 + LEVEL / 2, dfv)
        z = (level - centre) / se
        prob = np.where(direction > 0, stats.t.sf(z, dfv), stats.t.cdf(z, dfv))
    exact = meets(centre, level, direction).astype(float)
    prob = np.where(se > 0, prob, np.where(np.isnan(centre) | np.isnan(level), np.nan, exact))
    return centre - q * se, centre + q * se, prob


def assess(p: pd.DataFrame) -> pd.DataFrame:
    """Status and figures of the trend projection for every prepared row."""
    x = prepared(p)
    nrow, aag, d, U, yb, L, b, t, T = x.n, x.aag, x.d, x.U, x.yb, x.L, x.b, x.t, x.T
    raw, blocked = x.raw, x.blocked
    n, xbar, ybar = col(p, "w_n"), col(p, "w_xbar"), col(p, "w_ybar")
    sxx, sxy, syy = col(p, "w_sxx"), col(p, "w_sxy"), col(p, "w_syy")
    x0, y0 = col(p, "w_first_year"), col(p, "w_first_value")
    mean_g = x.mean_g

    slope, s = fit(n, xbar, ybar, sxx, sxy, syy)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        yhat = ybar + slope * (T - xbar)
        se = s * np.sqrt(1.0 + 1.0 / n + (T - xbar) ** 2 / sxx)
        # average annual growth: mean of the period with the trend filling the rest
        k = np.maximum(T - t, 0.0)
        xf = (t + 1.0 + T) / 2.0
        pred_f = ybar + slope * (xf - xbar)
        psum, pn = col(p, "period_sum"), col(p, "period_n")
        total = np.nan_to_num(pn) + k
        proj_mean = (np.nan_to_num(psum) + k * pred_f) / total
        se_f = s * np.sqrt(1.0 / k + 1.0 / n + (xf - xbar) ** 2 / sxx)
        se_mean = np.where(k > 0, k / total * se_f, 0.0)
        centre = np.where(aag, proj_mean, yhat)
        spread = np.where(aag, se_mean, se)
        level = np.where(aag, raw, L)
        lo, hi, prob = predictive(centre, spread, n - 2, level, d)

        use_b = ~np.isnan(yb) & (b < t)
        yr = np.where(use_b, yb, y0)
        xr = np.where(use_b, b, x0)
        capped = np.where(np.isnan(U), yhat, np.minimum(yhat, U))
        share = np.where(aag, proj_mean / raw, (capped - yr) / (L - yr))
        required = np.where(aag, raw, (L - yr) / (T - xr))

    few = ~(n >= MIN_POINTS) | ~(sxx > 0)
    no_level = ~aag & np.isnan(L)
    insufficient = blocked | few | no_level
    met_ref = ~aag & (d * (L - yr) <= 0)
    v = verdict(
        x,
        classify(share, *THRESHOLDS),
        name=NAME,
        insufficient=insufficient,
        met_reference=met_ref,
        growth_for_ceiling=proj_mean,
    )
    status, insufficient = v.status, v.insufficient
    judged = ~insufficient
    notes = join_notes(
        nrow,
        [
            (few & ~blocked, f"trend needs at least {MIN_POINTS} annual values"),
            (no_level & ~few & ~blocked, "target level unknown (no baseline)"),
            (judged & ~aag & ~use_b, "no baseline: gap measured from first year of the window"),
            (judged & ~aag & ~np.isnan(U) & (yhat > U), "projection capped at natural limit"),
            (judged & met_ref, "target already met at reference year"),
        ],
    )
    keep = judged
    return pd.DataFrame(
        {
            "status": status,
            "decided_by": v.decided_by,
            "progress_ratio": np.where(keep & ~met_ref, share, np.nan),
            "required_annual_change": np.where(keep, required, np.nan),
            "actual_annual_change": np.where(keep, np.where(aag, mean_g, slope), np.nan),
            "change_basis": np.where(aag, "trend_mean_growth", "linear_trend"),
            "projected_value": np.where(keep, centre, np.nan),
            "pi_low": np.where(keep, lo, np.nan),
            "pi_high": np.where(keep, hi, np.nan),
            "prob_meet": np.where(keep, prob, np.nan),
            "years_used": span(np.where(n > 0, x0, np.nan), np.where(n > 0, t, np.nan)),
            "n_years_used": np.nan_to_num(n),
            "note": notes,
        },
        index=p.index,
    )
