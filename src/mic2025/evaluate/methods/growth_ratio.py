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

from mic2025.evaluate.methods._common import (
    Prepared,
    Words,
    baseline_checks,
    col,
    prepared,
    result,
    span,
    verdict,
)
from mic2025.evaluate.notes import join_notes
from mic2025.evaluate.status import N_, classify

NAME = "growth_ratio"
ORDER = 1
LABEL = N_("Growth ratio (Open SDG)")
SHORT_LABEL = N_("Growth ratio")
DESCRIPTION = N_(
    "Observed compound annual growth since the base year divided by the growth required to "
    "reach the target on time (the Open SDG progress measure). R of at least 0.95 is on track, "
    "0.60 to 0.95 needs acceleration, 0 to 0.60 stagnating, below 0 regressing."
)
EXPLANATION = N_(
    "Compares the growth observed since the base year with the growth needed to reach the "
    "target on time. Where a growth rate is undefined (zero or negative values) the ratio "
    "of absolute yearly changes is used; for indicators bounded above (shares of units) "
    "growth is measured on the distance to the bound."
)
"""The longer account the report's methodology annex gives."""
CITATION = "Open SDG, progress measure (Statistics Canada method), github.com/open-sdg/open-sdg"
THRESHOLDS = {"on_track": 0.95, "needs_acceleration": 0.60, "stagnating": 0.0}
FORMULAS: dict[str, str] = {
    "cagr": "R = CAGR_obs/CAGR_req, CAGR_obs = (y_t/y_b)^(1/(t-b)) - 1, CAGR_req = (L/y_b)^(1/(T-b)) - 1",
    "cagr_distance_to_limit": (
        "R = CAGR_obs/CAGR_req on the distance to the limit U: CAGR_obs = ((U-y_t)/(U-y_b))^(1/(t-b)) - 1, "
        "CAGR_req = ((U-L)/(U-y_b))^(1/(T-b)) - 1"
    ),
    "linear": "R = ((y_t - y_b)/(t - b)) / ((L - y_b)/(T - b))",
    "mean_growth": "R = mean growth in the plan period so far / target growth",
}
"""The formula each row states: the one for the basis it actually used."""


def assess(p: pd.DataFrame) -> pd.DataFrame:
    """Status and figures of the Open SDG growth-ratio method for every prepared row."""
    x = prepared(p)
    rates = _rates(x, col(p, "min_value"), col(p, "max_value"))
    checks = baseline_checks(x)
    met_base = checks.met_base
    undefined = np.isnan(rates["ratio"]) & ~x.aag & ~met_base
    insufficient = checks.insufficient(x, undefined)
    grades = classify(rates["ratio"], *THRESHOLDS.values())
    v = verdict(
        x, grades, name=NAME, insufficient=insufficient, met_reference=met_base, growth_for_ceiling=x.mean_g
    )
    judged = ~v.insufficient
    notes = join_notes(
        x.n,
        [
            *checks.notes(x),
            (
                judged & ~x.aag & ~rates["cagr_ok"],
                "growth rate undefined (zero/negative value or target at limit): "
                "linear absolute-change ratio",
            ),
            (
                judged & ~x.aag & rates["cagr_ok"] & rates["limit"],
                "natural limit: growth measured on distance to upper bound",
            ),
            (judged & met_base, "target already met at base year"),
            (judged & x.aag & ~v.complete, "plan period not complete: mean growth so far"),
        ],
    )
    first = np.where(x.aag, col(p, "period_first"), x.b)
    return result(
        p.index,
        status=v.status,
        decided_by=v.decided_by,
        progress_ratio=np.where(judged, rates["ratio"], np.nan),
        required_annual_change=np.where(judged, rates["required"], np.nan),
        actual_annual_change=np.where(judged, rates["actual"], np.nan),
        change_basis=np.where(judged, rates["basis"], ""),
        years_used=span(first, x.t),
        n_years_used=np.where(x.aag, col(p, "period_n"), 2.0 * (x.t > x.b)),
        note=notes,
    )


def _rates(x: Prepared, vmin: np.ndarray, vmax: np.ndarray) -> dict[str, np.ndarray]:
    """Observed and required yearly change on the basis each row allows, and their ratio."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        limit = ~np.isnan(x.U) & (x.d > 0)
        zb, zt, zl = (np.where(limit, x.U - v, v) for v in (x.yb, x.yt, x.L))
        lowest = np.where(limit, x.U - vmax, vmin)
        cagr_ok = (lowest > 0) & (zb > 0) & (zl > 0) & (zt > 0)
        req_c = np.power(zl / zb, 1.0 / (x.T - x.b)) - 1.0
        act_c = np.power(zt / zb, 1.0 / (x.t - x.b)) - 1.0
        req_l = (x.L - x.yb) / (x.T - x.b)
        act_l = (x.yt - x.yb) / (x.t - x.b)
        ratio = np.where(cagr_ok, act_c / req_c, act_l / req_l)
        ratio = np.where(x.aag, x.mean_g / x.raw, ratio)  # the indicator is a growth rate
    basis = np.where(
        x.aag, "mean_growth", np.where(cagr_ok, np.where(limit, "cagr_distance_to_limit", "cagr"), "linear")
    )
    return {
        "ratio": ratio,
        "limit": limit,
        "cagr_ok": cagr_ok,
        "basis": basis,
        "required": np.where(x.aag, x.raw, np.where(cagr_ok, 100 * req_c, req_l)),
        "actual": np.where(x.aag, x.mean_g, np.where(cagr_ok, 100 * act_c, act_l)),
    }


def explain(row: pd.Series, fmt: Words) -> str:
    """The key quantity behind this row's status, in the reader's language."""
    from mic2025.vocabulary import BASIS

    _ = fmt._
    if pd.isna(row.get("progress_ratio")):
        return ""
    basis = str(row.get("change_basis") or "")
    return _("R = {ratio} (actual {actual} vs required {required}; {basis})").format(
        ratio=fmt.num(row["progress_ratio"], 2),
        actual=fmt.num(row["actual_annual_change"], 2),
        required=fmt.num(row["required_annual_change"], 2),
        basis=_(BASIS.get(basis, basis)),
    )
