"""Method 2: UNSD 2023 projected share of the baseline-to-target gap.

UN Statistics Division, *SDG Progress Chart 2023 — Technical Note*
(https://unstats.un.org/sdgs/files/report/2023/Progress_Chart_Technical_Note_2023.pdf):
project the current compound annual growth rate to the target year and measure the
share of the baseline-to-target gap that the projection would close::

    CAGR_a = (y_t / y_b) ** (1 / (t - b)) - 1
    y^_T   = y_t * (1 + CAGR_a) ** (T - t)
    S      = (y^_T - y_b) / (L - y_b)

``achieved`` when the latest value is at or past the target; otherwise S >= 0.95 on
track ("target met or almost met"), 0.10 <= S < 0.95 needs acceleration ("fair
progress, acceleration needed"), 0 <= S < 0.10 stagnating, S < 0 regressing (the
note's "stagnation or regression" split by the sign of the movement).

Adaptations (in the row's note): a projection is capped at the indicator's natural
limit; zero or negative values make the growth rate undefined, and the current
absolute yearly change is projected linearly instead; for average annual growth
targets the projected period mean is the mean so far (the current pace continues)
and S = mean / target (the gap runs from zero growth to the target growth).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.evaluate.methods._common import col, join_notes, prepared, span, verdict
from mic2025.evaluate.status import classify

NAME = "unsd_gap"
THRESHOLDS = (0.95, 0.10, 0.0)
FORMULA = (
    "S = (y^_T - y_b)/(L - y_b), y^_T = y_t*(1+CAGR_a)^(T-t), CAGR_a=(y_t/y_b)^(1/(t-b))-1; "
    "achieved if y_t past L; S>=0.95 on track, >=0.10 needs acceleration, >=0 stagnating, "
    "<0 regressing (UNSD SDG Progress Chart 2023 technical note)"
)


def assess(p: pd.DataFrame) -> pd.DataFrame:
    """Status and figures of the UNSD 2023 projected-gap method for every prepared row."""
    x = prepared(p)
    n, aag, d, U, yb, yt, L, b, t, T = x.n, x.aag, x.d, x.U, x.yb, x.yt, x.L, x.b, x.t, x.T
    mean_g, raw, blocked = x.mean_g, x.raw, x.blocked
    vmin = col(p, "min_value")

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cagr_ok = (vmin > 0) & (yb > 0) & (yt > 0)
        cagr_a = np.power(yt / yb, 1.0 / (t - b)) - 1.0
        act_l = (yt - yb) / (t - b)
        projected = np.where(cagr_ok, yt * np.power(1.0 + cagr_a, T - t), yt + act_l * (T - t))
        projected = np.where(np.isnan(U), projected, np.minimum(projected, U))
        share = (projected - yb) / (L - yb)
        req_ok = cagr_ok & (L > 0)
        req = np.where(req_ok, 100 * (np.power(L / yb, 1.0 / (T - b)) - 1.0), (L - yb) / (T - b))
        share = np.where(aag, mean_g / raw, share)
        projected = np.where(aag, mean_g, projected)

    missing_base = ~aag & np.isnan(yb)
    too_short = ~aag & ~missing_base & ~(t > b)
    no_period = aag & np.isnan(mean_g)
    insufficient = (
        blocked | missing_base | too_short | no_period | (~aag & np.isnan(share) & (d * (L - yb) > 0))
    )
    met_base = ~aag & (d * (L - yb) <= 0)
    v = verdict(
        x,
        classify(share, *THRESHOLDS),
        name=NAME,
        insufficient=insufficient,
        met_reference=met_base,
        growth_for_ceiling=mean_g,
    )
    status, insufficient, complete = v.status, v.insufficient, v.complete
    judged = ~insufficient
    capped = ~aag & ~np.isnan(U) & (projected >= U)
    notes = join_notes(
        n,
        [
            (missing_base & ~blocked, "no baseline value for the base year"),
            (too_short & ~blocked, "no observation after the base year"),
            (no_period & ~blocked, "no growth observation in the plan period"),
            (
                judged & ~aag & ~cagr_ok,
                "growth rate undefined (zero/negative value): linear projection",
            ),
            (judged & capped, "projection capped at natural limit"),
            (judged & met_base, "target already met at base year"),
            (judged & aag & ~complete, "plan period not complete: current mean growth projected"),
        ],
    )
    first = np.where(aag, col(p, "period_first"), b)
    return pd.DataFrame(
        {
            "status": status,
            "decided_by": v.decided_by,
            "progress_ratio": np.where(judged & ~met_base, share, np.nan),
            "required_annual_change": np.where(aag, raw, req),
            "actual_annual_change": np.where(aag, mean_g, np.where(req_ok, 100 * cagr_a, act_l)),
            "change_basis": np.where(aag, "mean_growth", np.where(req_ok, "cagr", "linear")),
            "projected_value": np.where(judged, projected, np.nan),
            "pi_low": np.nan,
            "pi_high": np.nan,
            "prob_meet": np.nan,
            "years_used": span(first, t),
            "n_years_used": np.where(aag, col(p, "period_n"), 2.0 * (t > b)),
            "note": notes,
        },
        index=p.index,
    )
