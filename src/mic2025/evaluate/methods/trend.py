"""Method 3: linear trend projection with a 90 % prediction interval.

Ordinary least squares ``y = a + b * year`` on the most recent ``window`` (default 8)
annual values up to the target year and after the latest break in series; at least
``MIN_POINTS`` (3) points are needed (one degree of freedom for the residual
variance).  At the target year T, with n points, mean year x̄, Sxx = Σ(x - x̄)²,
residual variance s²::

    y^_T  = a + b T
    se_T  = s * sqrt(1 + 1/n + (T - x̄)² / Sxx)
    PI90  = y^_T ± t_{0.95, n-2} * se_T
    P(meet) = P(Y_T >= L) = 1 - F_t((L - y^_T) / se_T; n - 2)   (<= L when lower is better)

The status uses the same share-of-gap scale as the UNSD method on the trend
projection, ``S = (y^_T - y_r) / (L - y_r)`` with the reference y_r the baseline (or
the first value of the window when there is none), thresholds 0.95 / 0.10 / 0, and
``achieved`` when the latest value is past the target.  (A rule on the slope's
significance was rejected: a worse latest value can make a decline less significant
and so give a better status.)

The projection and both ends of its interval are kept inside the indicator's natural
range (a share within 0–100, a count or level at least 0, an explicit upper bound),
and the row says so when they had to be.  A line through fewer than
``MIN_DECIDING_POINTS`` (5) points is shown but flagged ``weak``: it never decides a
headline status on its own.

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

from mic2025.evaluate.methods._common import (
    Prepared,
    Words,
    clip_to_range,
    col,
    meets,
    prepared,
    result,
    span,
    verdict,
)
from mic2025.evaluate.notes import join_notes
from mic2025.evaluate.status import N_, classify

NAME = "trend"
ORDER = 3
LABEL = N_("Linear trend projection")
SHORT_LABEL = N_("Trend")
DESCRIPTION = N_(
    "A straight line fitted to the last eight annual values is extended to the target year, with "
    "a 90 % prediction interval and the probability of meeting the target; S is the share of the "
    "gap the projection closes, graded as the UNSD method. A line through fewer than five values "
    "is shown but never decides."
)
EXPLANATION = N_(
    "Fits a straight line by ordinary least squares to the last eight annual values at "
    "most (at least three are needed) and projects it to the target year; the probability "
    "of meeting the target is read from the t distribution of the projection. The status "
    "uses the same share-of-gap thresholds as method 2, applied to the projected value."
)
"""The longer account the report's methodology annex gives."""
CITATION = "Ordinary least squares prediction interval (e.g. statsmodels OLS get_prediction)"
THRESHOLDS = {"on_track": 0.95, "needs_acceleration": 0.10, "stagnating": 0.0}
LEVEL = 0.90
MIN_POINTS = 3
MIN_DECIDING_POINTS = 5
FORMULAS: dict[str, str] = {
    "linear_trend": (
        "OLS y = a + b year on the last <= 8 years; y^_T = a + bT, PI90 = y^_T ± t(.95, n-2) s "
        "sqrt(1 + 1/n + (T - x̄)²/Sxx); S = (y^_T - y_r)/(L - y_r)"
    ),
    "trend_mean_growth": (
        "trend of the growth rate over the rest of the period; S = projected period mean / target"
    ),
}


def fit(
    n: np.ndarray, xbar: np.ndarray, ybar: np.ndarray, sxx: np.ndarray, sxy: np.ndarray, syy: np.ndarray
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
    from scipy import stats

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
    n = col(p, "w_n")
    proj = _projection(x, p, n)
    few = ~(n >= MIN_POINTS) | ~(col(p, "w_sxx") > 0)
    no_level = ~x.aag & np.isnan(x.L)
    insufficient = x.blocked | few | no_level
    met_ref = ~x.aag & (x.d * (x.L - proj["yr"]) <= 0)
    grades = classify(proj["share"], *THRESHOLDS.values())
    v = verdict(
        x,
        grades,
        name=NAME,
        insufficient=insufficient,
        met_reference=met_ref,
        growth_for_ceiling=proj["centre"],
    )
    keep = ~v.insufficient
    weak = keep & (n < MIN_DECIDING_POINTS) & ~v.achieved
    notes = join_notes(
        x.n,
        [
            (few & ~x.blocked, f"trend needs at least {MIN_POINTS} annual values"),
            (no_level & ~few & ~x.blocked, "target level unknown (no baseline)"),
            (keep & ~x.aag & ~proj["use_b"], "no baseline: gap measured from first year of the window"),
            (keep & proj["clipped"], "projection kept inside the natural range"),
            (weak, f"weak evidence: trend through fewer than {MIN_DECIDING_POINTS} values, not deciding"),
            (keep & met_ref, "target already met at reference year"),
        ],
    )
    x0 = col(p, "w_first_year")
    return result(
        p.index,
        status=v.status,
        decided_by=v.decided_by,
        progress_ratio=np.where(keep & ~met_ref, proj["share"], np.nan),
        required_annual_change=np.where(keep, proj["required"], np.nan),
        actual_annual_change=np.where(keep, np.where(x.aag, x.mean_g, proj["slope"]), np.nan),
        change_basis=np.where(keep, np.where(x.aag, "trend_mean_growth", "linear_trend"), ""),
        projected_value=np.where(keep, proj["centre"], np.nan),
        pi_low=np.where(keep, proj["lo"], np.nan),
        pi_high=np.where(keep, proj["hi"], np.nan),
        prob_meet=np.where(keep, proj["prob"], np.nan),
        years_used=span(np.where(n > 0, x0, np.nan), np.where(n > 0, x.t, np.nan)),
        n_years_used=np.nan_to_num(n),
        weak=weak,
        note=notes,
    )


def _projection(x: Prepared, p: pd.DataFrame, n: np.ndarray) -> dict[str, np.ndarray]:
    """The fitted line at the target year, its interval and the gap share it closes."""
    xbar, ybar = col(p, "w_xbar"), col(p, "w_ybar")
    sxx = col(p, "w_sxx")
    slope, s = fit(n, xbar, ybar, sxx, col(p, "w_sxy"), col(p, "w_syy"))
    x0, y0 = col(p, "w_first_year"), col(p, "w_first_value")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        yhat = ybar + slope * (x.T - xbar)
        se = s * np.sqrt(1.0 + 1.0 / n + (x.T - xbar) ** 2 / sxx)
        # average annual growth: mean of the period with the trend filling the rest
        k = np.maximum(x.T - x.t, 0.0)
        xf = (x.t + 1.0 + x.T) / 2.0
        psum, pn = col(p, "period_sum"), col(p, "period_n")
        total = np.nan_to_num(pn) + k
        proj_mean = (np.nan_to_num(psum) + k * (ybar + slope * (xf - xbar))) / total
        se_f = s * np.sqrt(1.0 / k + 1.0 / n + (xf - xbar) ** 2 / sxx)
        centre = np.where(x.aag, proj_mean, yhat)
        spread = np.where(x.aag, np.where(k > 0, k / total * se_f, 0.0), se)
        lo, hi, prob = predictive(centre, spread, n - 2, np.where(x.aag, x.raw, x.L), x.d)
        # a level cannot leave its natural range: neither can its projection or interval
        bounded = ~x.aag
        centre_c, moved = clip_to_range(
            centre, np.where(bounded, x.low, -np.inf), np.where(bounded, x.high, np.inf)
        )
        lo_c, _ = clip_to_range(lo, np.where(bounded, x.low, -np.inf), np.where(bounded, x.high, np.inf))
        hi_c, _ = clip_to_range(hi, np.where(bounded, x.low, -np.inf), np.where(bounded, x.high, np.inf))
        use_b = ~np.isnan(x.yb) & (x.b < x.t)
        yr = np.where(use_b, x.yb, y0)
        xr = np.where(use_b, x.b, x0)
        share = np.where(x.aag, proj_mean / x.raw, (centre_c - yr) / (x.L - yr))
        required = np.where(x.aag, x.raw, (x.L - yr) / (x.T - xr))
    return {
        "slope": slope, "centre": centre_c, "lo": lo_c, "hi": hi_c, "prob": prob, "clipped": moved,
        "use_b": use_b, "yr": yr, "share": share, "required": required,
    }  # fmt: skip


def explain(row: pd.Series, fmt: Words) -> str:
    """The projection, its interval and the chance of meeting the target."""
    _ = fmt._
    if pd.isna(row.get("projected_value")):
        return ""
    return _(
        "projected {value} in {year}, 90 % interval {low} to {high}; probability of meeting the target {prob}"
    ).format(
        value=fmt.num(row["projected_value"], 3),
        year=int(row["target_year"]),
        low=fmt.num(row["pi_low"], 3),
        high=fmt.num(row["pi_high"], 3),
        prob=fmt.pct(row.get("prob_meet")),
    )
