"""Method 1: ratio of observed to required compound annual growth (Open SDG measure).

Open SDG's progress measure (Statistics Canada method, adopted by the Open SDG
platform; docs/progress-methodology.md in github.com/open-sdg/open-sdg) compares the
observed compound annual growth rate since the base year with the rate required to
reach the target on time::

    CAGR_obs = (y_t / y_b) ** (1 / (t - b)) - 1
    CAGR_req = (L   / y_b) ** (1 / (T - b)) - 1
    R        = CAGR_obs / CAGR_req

``achieved`` when the latest value is at or past the target; otherwise R >= 0.95 on
track, 0.60 <= R < 0.95 needs acceleration, 0 <= R < 0.60 stagnating ("limited
progress"), R < 0 regressing ("deterioration").

Adaptations, each written in the row's note:

* natural limit: for a higher-is-better indicator with ``upper_bound`` U (a share of
  units that cannot pass 100 %) growth is measured on the distance to the limit,
  ``U - y``, which must shrink; near the limit this asks for a realistic pace where a
  plain CAGR would ask the impossible (Open SDG scales its thresholds by a factor C
  for the same reason).
* zero or negative values anywhere from the base year to the latest year (or a
  target at the limit) make a growth rate undefined; the ratio is then taken on
  absolute yearly change, ``((y_t - y_b)/(t - b)) / ((L - y_b)/(T - b))``, instead of
  Open SDG's replacement of zero by 0.001, which makes the result depend on the unit.
* a target already met at the base year: achieved if still met, else regressing.
* average annual growth targets: R = mean observed growth over the period so far /
  target growth; achieved only when the period is complete and the mean meets it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.evaluate.methods._common import col, join_notes, prepared, span, verdict
from mic2025.evaluate.status import classify

NAME = "growth_ratio"
THRESHOLDS = (0.95, 0.60, 0.0)
FORMULA = (
    "R = CAGR_obs/CAGR_req, CAGR_obs=(y_t/y_b)^(1/(t-b))-1, CAGR_req=(L/y_b)^(1/(T-b))-1; "
    "achieved if y_t past L; R>=0.95 on track, >=0.60 needs acceleration, >=0 stagnating, "
    "<0 regressing (Open SDG progress measure)"
)


def assess(p: pd.DataFrame) -> pd.DataFrame:
    """Status and figures of the Open SDG growth-ratio method for every prepared row."""
    x = prepared(p)
    n, aag, d, U, yb, yt, L, b, t, T = x.n, x.aag, x.d, x.U, x.yb, x.yt, x.L, x.b, x.t, x.T
    mean_g, raw, blocked = x.mean_g, x.raw, x.blocked
    vmin, vmax = col(p, "min_value"), col(p, "max_value")

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        limit = ~np.isnan(U) & (d > 0)
        zb = np.where(limit, U - yb, yb)
        zt = np.where(limit, U - yt, yt)
        zl = np.where(limit, U - L, L)
        lowest = np.where(limit, U - vmax, vmin)
        cagr_ok = (lowest > 0) & (zb > 0) & (zl > 0) & (zt > 0)
        req_c = np.power(zl / zb, 1.0 / (T - b)) - 1.0
        act_c = np.power(zt / zb, 1.0 / (t - b)) - 1.0
        req_l = (L - yb) / (T - b)
        act_l = (yt - yb) / (t - b)
        ratio = np.where(cagr_ok, act_c / req_c, act_l / req_l)

        # average annual growth: the indicator is a growth rate
        ratio = np.where(aag, mean_g / raw, ratio)

    missing_base = ~aag & np.isnan(yb)
    too_short = ~aag & ~missing_base & ~(t > b)
    no_period = aag & np.isnan(mean_g)
    met_base = ~aag & (d * (L - yb) <= 0)
    insufficient = blocked | missing_base | too_short | no_period | (np.isnan(ratio) & ~aag & ~met_base)
    v = verdict(
        x,
        classify(ratio, *THRESHOLDS),
        name=NAME,
        insufficient=insufficient,
        met_reference=met_base,
        growth_for_ceiling=mean_g,
    )
    status, insufficient, complete = v.status, v.insufficient, v.complete
    basis = np.where(
        aag,
        "mean_growth",
        np.where(cagr_ok, np.where(limit, "cagr_distance_to_limit", "cagr"), "linear"),
    )
    required = np.where(aag, raw, np.where(cagr_ok, 100 * req_c, req_l))
    actual = np.where(aag, mean_g, np.where(cagr_ok, 100 * act_c, act_l))
    judged = ~insufficient
    notes = join_notes(
        n,
        [
            (missing_base & ~blocked, "no baseline value for the base year"),
            (too_short & ~blocked, "no observation after the base year"),
            (no_period & ~blocked, "no growth observation in the plan period"),
            (
                judged & ~aag & ~cagr_ok,
                "growth rate undefined (zero/negative value or target at limit): "
                "linear absolute-change ratio",
            ),
            (
                judged & ~aag & cagr_ok & limit,
                "natural limit: growth measured on distance to upper bound",
            ),
            (judged & met_base, "target already met at base year"),
            (judged & aag & ~complete, "plan period not complete: mean growth so far"),
        ],
    )
    first = np.where(aag, col(p, "period_first"), b)
    return pd.DataFrame(
        {
            "status": status,
            "decided_by": v.decided_by,
            "progress_ratio": np.where(judged, ratio, np.nan),
            "required_annual_change": required,
            "actual_annual_change": actual,
            "change_basis": basis,
            "projected_value": np.nan,
            "pi_low": np.nan,
            "pi_high": np.nan,
            "prob_meet": np.nan,
            "years_used": span(first, t),
            "n_years_used": np.where(aag, col(p, "period_n"), 2.0 * (t > b)),
            "note": notes,
        },
        index=p.index,
    )
