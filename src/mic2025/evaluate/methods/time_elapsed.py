"""Method 4: time elapsed — is the share of the way travelled at least the share of time gone?

Chinese mid-term reviews ask whether half the task is done at half the time
(时间过半、任务过半); Japan's growth-strategy KPI reviews grade a KPI "A" when its
progress is at least the elapsed share of the target period.  Both compare two
shares::

    D = (y_t - y_b) / (L - y_b)        share of the baseline-to-target distance travelled
    E = (t - b) / (T - b)              share of the period elapsed
    R = D / E

``achieved`` when the latest value is at or past the target; otherwise R >= 1 on track
(the task keeps pace with the calendar), 0.5 <= R < 1 needs acceleration (at least
half the pace), 0 <= R < 0.5 stagnating, R < 0 regressing (moving away from the
target).  The 1.0 boundary is the rule's own; 0.5 is this method's choice, stated
here and in docs/methodology.md.

Unlike the growth methods it measures distance linearly, as the reviews do.  For an
average-annual-growth target the "distance" is the growth achieved so far against
the target growth, R = mean growth / target growth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.evaluate.methods._common import Words, baseline_checks, col, prepared, result, span, verdict
from mic2025.evaluate.notes import join_notes
from mic2025.evaluate.status import N_, classify

NAME = "time_elapsed"
ORDER = 4
LABEL = N_("Time elapsed (half the time, half the task)")
SHORT_LABEL = N_("Time elapsed")
DESCRIPTION = N_(
    "The share of the baseline-to-target distance travelled divided by the share of the target "
    "period elapsed, as mid-term reviews ask whether half the task is done at half the time. R of "
    "at least 1 is on track, 0.5 to 1 needs acceleration, 0 to 0.5 stagnating, below 0 regressing."
)
CITATION = "时间过半、任务过半 (mid-term review practice); Japan, growth strategy KPI reviews (grade A)"
THRESHOLDS = {"on_track": 1.0, "needs_acceleration": 0.5, "stagnating": 0.0}
FORMULAS: dict[str, str] = {
    "distance_over_time": "R = D/E, D = (y_t - y_b)/(L - y_b), E = (t - b)/(T - b)",
    "mean_growth": "R = mean growth in the plan period so far / target growth",
}


def assess(p: pd.DataFrame) -> pd.DataFrame:
    """Status and figures of the time-elapsed method for every prepared row."""
    x = prepared(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = (x.yt - x.yb) / (x.L - x.yb)
        elapsed = (x.t - x.b) / (x.T - x.b)
        ratio = np.where(x.aag, x.mean_g / x.raw, distance / elapsed)
    checks = baseline_checks(x)
    met_base = checks.met_base
    undefined = ~x.aag & ~np.isfinite(ratio) & ~met_base
    insufficient = checks.insufficient(x, undefined)
    v = verdict(
        x,
        classify(np.where(np.isfinite(ratio), ratio, np.nan), *THRESHOLDS.values()),
        name=NAME,
        insufficient=insufficient,
        met_reference=met_base,
        growth_for_ceiling=x.mean_g,
    )
    judged = ~v.insufficient
    notes = join_notes(
        x.n,
        [
            *checks.notes(x),
            (judged & met_base, "target already met at base year"),
            (judged & x.aag & ~v.complete, "plan period not complete: mean growth so far"),
        ],
    )
    first = np.where(x.aag, col(p, "period_first"), x.b)
    return result(
        p.index,
        status=v.status,
        decided_by=v.decided_by,
        progress_ratio=np.where(judged & ~met_base, ratio, np.nan),
        distance_share=np.where(judged & ~x.aag, distance, np.nan),
        time_share=np.where(judged & ~x.aag, elapsed, np.nan),
        change_basis=np.where(judged, np.where(x.aag, "mean_growth", "distance_over_time"), ""),
        years_used=span(first, x.t),
        n_years_used=np.where(x.aag, col(p, "period_n"), 2.0 * (x.t > x.b)),
        note=notes,
    )


def explain(row: pd.Series, fmt: Words) -> str:
    """Distance travelled against time elapsed, as shares."""
    _ = fmt._
    if pd.isna(row.get("progress_ratio")):
        return ""
    if row.get("change_basis") == "mean_growth":
        return _("R = {ratio} (mean growth so far against the target growth)").format(
            ratio=fmt.num(row["progress_ratio"], 2)
        )
    return _("R = {ratio}: {distance} of the distance travelled in {elapsed} of the time").format(
        ratio=fmt.num(row["progress_ratio"], 2),
        distance=fmt.pct(row["distance_share"]),
        elapsed=fmt.pct(row["time_share"]),
    )
