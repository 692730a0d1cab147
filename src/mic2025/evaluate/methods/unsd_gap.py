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

Adaptations (in the row's note): a projection is kept inside the indicator's natural
range (a share within 0–100, a count or level at least 0, an explicit upper bound);
zero or negative values make the growth rate undefined, and the current absolute
yearly change is projected linearly instead; for average annual growth targets the
projected period mean is the mean so far (the current pace continues) and
S = mean / target (the gap runs from zero growth to the target growth).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.evaluate.methods._common import (
    Prepared,
    Words,
    baseline_checks,
    clip_to_range,
    col,
    prepared,
    result,
    span,
    verdict,
)
from mic2025.evaluate.notes import join_notes
from mic2025.evaluate.status import N_, classify

NAME = "unsd_gap"
ORDER = 2
LABEL = N_("Projected gap share (UNSD 2023)")
SHORT_LABEL = N_("Gap share")
DESCRIPTION = N_(
    "The current compound growth is projected to the target year; S is the share of the "
    "baseline-to-target gap the projection would close (UNSD SDG Progress Chart 2023). S of at "
    "least 0.95 is on track, 0.10 to 0.95 needs acceleration, 0 to 0.10 stagnating, below 0 regressing."
)
EXPLANATION = N_(
    "Projects the current growth rate to the target year and measures the share of the "
    "gap between baseline and target that the projection would close. Projections are "
    "capped at the indicator's natural limit."
)
"""The longer account the report's methodology annex gives."""
CITATION = "UN Statistics Division, SDG Progress Chart 2023, Technical Note"
THRESHOLDS = {"on_track": 0.95, "needs_acceleration": 0.10, "stagnating": 0.0}
FORMULAS: dict[str, str] = {
    "cagr": "S = (y^_T - y_b)/(L - y_b), y^_T = y_t (1 + CAGR_a)^(T - t), CAGR_a = (y_t/y_b)^(1/(t-b)) - 1",
    "linear": "S = (y^_T - y_b)/(L - y_b), y^_T = y_t + (T - t)(y_t - y_b)/(t - b)",
    "mean_growth": "S = mean growth in the plan period so far / target growth",
}


def assess(p: pd.DataFrame) -> pd.DataFrame:
    """Status and figures of the UNSD 2023 projected-gap method for every prepared row."""
    x = prepared(p)
    proj = _projection(x, col(p, "min_value"))
    checks = baseline_checks(x)
    met_base = checks.met_base
    undefined = ~x.aag & np.isnan(proj["share"]) & ~met_base
    insufficient = checks.insufficient(x, undefined)
    grades = classify(proj["share"], *THRESHOLDS.values())
    v = verdict(
        x, grades, name=NAME, insufficient=insufficient, met_reference=met_base, growth_for_ceiling=x.mean_g
    )
    judged = ~v.insufficient
    notes = join_notes(
        x.n,
        [
            *checks.notes(x),
            (
                judged & ~x.aag & ~proj["cagr_ok"],
                "growth rate undefined (zero/negative value): linear projection",
            ),
            (judged & proj["clipped"], "projection kept inside the natural range"),
            (judged & met_base, "target already met at base year"),
            (judged & x.aag & ~v.complete, "plan period not complete: current mean growth projected"),
        ],
    )
    first = np.where(x.aag, col(p, "period_first"), x.b)
    return result(
        p.index,
        status=v.status,
        decided_by=v.decided_by,
        progress_ratio=np.where(judged & ~met_base, proj["share"], np.nan),
        required_annual_change=np.where(judged, proj["required"], np.nan),
        actual_annual_change=np.where(judged, proj["actual"], np.nan),
        change_basis=np.where(judged, proj["basis"], ""),
        projected_value=np.where(judged, proj["projected"], np.nan),
        years_used=span(first, x.t),
        n_years_used=np.where(x.aag, col(p, "period_n"), 2.0 * (x.t > x.b)),
        note=notes,
    )


def _projection(x: Prepared, vmin: np.ndarray) -> dict[str, np.ndarray]:
    """The projected value at the target year (within the natural range) and the gap share."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cagr_ok = (vmin > 0) & (x.yb > 0) & (x.yt > 0)
        cagr_a = np.power(x.yt / x.yb, 1.0 / (x.t - x.b)) - 1.0
        act_l = (x.yt - x.yb) / (x.t - x.b)
        raw = np.where(cagr_ok, x.yt * np.power(1.0 + cagr_a, x.T - x.t), x.yt + act_l * (x.T - x.t))
        projected, clipped = clip_to_range(raw, x.low, x.high)
        share = (projected - x.yb) / (x.L - x.yb)
        req_ok = cagr_ok & (x.L > 0)
        req = np.where(
            req_ok, 100 * (np.power(x.L / x.yb, 1.0 / (x.T - x.b)) - 1.0), (x.L - x.yb) / (x.T - x.b)
        )
    return {
        "cagr_ok": cagr_ok,
        "clipped": ~x.aag & clipped,
        "share": np.where(x.aag, x.mean_g / x.raw, share),
        "projected": np.where(x.aag, x.mean_g, projected),
        "required": np.where(x.aag, x.raw, req),
        "actual": np.where(x.aag, x.mean_g, np.where(req_ok, 100 * cagr_a, act_l)),
        "basis": np.where(x.aag, "mean_growth", np.where(req_ok, "cagr", "linear")),
    }


def explain(row: pd.Series, fmt: Words) -> str:
    """The key quantity behind this row's status, in the reader's language."""
    _ = fmt._
    if pd.isna(row.get("progress_ratio")):
        return ""
    return _("S = {share}; projected value in {year}: {value}").format(
        share=fmt.num(row["progress_ratio"], 2),
        year=int(row["target_year"]),
        value=fmt.num(row["projected_value"], 3),
    )
