"""The one-page dashboard: every target as a row, grouped by category, as the SDSN
Sustainable Development Report dashboards and ESCAP's progress charts show goals.

Each row carries the verdict (colour + symbol + word), the recent trend (an arrow and
its word, so a screen reader says it too), the share of the way from baseline to target
and the year of the latest figure.  Every number comes from the evaluation engine:

* the verdict, its figure and year are the headline row's (``Assessment.heads``);
* the share of the way is the headline's ``share_travelled`` once the deadline figure
  has judged the target, else the time-elapsed method's ``distance_share`` (its
  ``progress_ratio`` for an average-growth target: mean growth / target growth), with
  the year of the figure it was measured on;
* the arrow is the headline's momentum (``mic2025.evaluate.momentum``): ↗ improving,
  → flat, ↘ worsening.  Status symbols use ↑ and ↓, so momentum keeps its diagonal
  arrows and the two columns cannot be read for each other.

The web dashboard and the reports render the same groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mic2025.plan.describe import describe_target
from mic2025.present.formatter import Formatter, StatusView, missing
from mic2025.present.ordering import ordered_targets
from mic2025.present.verdicts import figure
from mic2025.vocabulary import CATEGORY_NAMES, MOMENTUM_WORDS, N_

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.evaluate.assessment import Assessment
    from mic2025.plan.model import Plan

PROGRESS = N_("{share} of the way ({period})")
"""The share of the baseline-to-target distance travelled, and the figure's period."""
GROWTH_PROGRESS = N_("{share} of the target growth ({period})")
"""For an average-growth target: mean growth so far as a share of the target growth."""
PACE_METHOD = "time_elapsed"


@dataclass(frozen=True)
class DashboardRow:
    """One target: its verdict, trend, share of the way and latest figure, all formatted."""

    target_id: str
    indicator: str
    label: str
    status: StatusView
    trend: str
    trend_word: str
    progress: float | None
    progress_text: str
    latest_year: int | None
    latest_text: str
    indicator_label: str = ""
    target_year: int = 0
    provisional: bool = False
    progress_short: str = ""
    """The share and the figure's period without words ("89% (2020)"), for narrow columns."""


@dataclass(frozen=True)
class DashboardGroup:
    """The targets of one category (or of the major projects), in the strategy's order."""

    category: str
    label: str
    rows: list[DashboardRow]


def dashboard_groups(assessment: Assessment, plan: Plan, fmt: Formatter) -> list[DashboardGroup]:
    """Every target of the assessment (proxies left out) as rows grouped by category.

    Groups come in the order of the strategy's key-indicator table (innovation, quality,
    IT and industry, green), then the major projects; rows in the plan's target order.
    """
    own = assessment.without_proxies()
    heads = own.heads
    if heads.empty:
        return []
    pace = _pace_rows(own.detail)
    by_target = {str(r["target"]): r for _, r in heads.iterrows()}
    groups: dict[str, list[DashboardRow]] = {}
    for target, _owner in ordered_targets(plan):
        row = by_target.get(target.id)
        if row is None:
            continue
        groups.setdefault(str(row["category"]), []).append(
            _row(row, pace.get(target.id), describe_target(target, plan, fmt.lang), plan, fmt)
        )
    return [
        DashboardGroup(code, fmt._(CATEGORY_NAMES.get(code, code)), rows) for code, rows in groups.items()
    ]


def _pace_rows(detail: pd.DataFrame) -> dict[str, Any]:
    """Target id → the time-elapsed method's row (the engine's share of the way)."""
    if detail.empty or "method" not in detail.columns:
        return {}
    rows = detail[detail["method"] == PACE_METHOD]
    return {str(r["target"]): r for _, r in rows.iterrows()}


def _row(head: Any, pace: Any, label: str, plan: Plan, fmt: Formatter) -> DashboardRow:
    code = str(head.get("momentum") or "")
    year = _year(head.get("evidence_period"))
    progress, progress_text, period = _progress(head, pace, fmt)
    return DashboardRow(
        target_id=str(head["target"]),
        indicator=str(head["indicator"]),
        label=label,
        status=fmt.status(str(head["status"])),
        trend=str(head.get("momentum_symbol") or ""),
        trend_word=fmt._(MOMENTUM_WORDS.get(code, MOMENTUM_WORDS[""])),
        progress=progress,
        progress_text=progress_text,
        latest_year=year,
        latest_text=figure(fmt, plan, head) if year is not None else "",
        indicator_label=plan.indicator(str(head["indicator"])).labels.get(fmt.lang),
        target_year=int(head["target_year"]),
        provisional=bool(head.get("provisional")),
        progress_short=f"{fmt.pct(progress)} ({period})" if progress is not None else "",
    )


def _progress(head: Any, pace: Any, fmt: Formatter) -> tuple[float | None, str, str]:
    """The engine's share of the way, its words and the figure's period; None, '', '' if none."""
    growth = head.get("kind") == "average_annual_growth"
    if head.get("final") and not missing(head.get("share_travelled")):
        share, period = float(head["share_travelled"]), str(head.get("evidence_period") or "")
    elif pace is not None:
        value = pace.get("progress_ratio") if growth else pace.get("distance_share")
        if missing(value):
            return None, "", ""
        share, period = float(value), str(pace.get("latest_period") or "")
    else:
        return None, "", ""
    template = GROWTH_PROGRESS if growth else PROGRESS
    return share, fmt._(template).format(share=fmt.pct(share), period=fmt.period(period)), period


def _year(period: Any) -> int | None:
    """The year of a period, the last one of a span ("2016–2019" → 2019)."""
    years = re.findall(r"\d{4}", "" if missing(period) else str(period))
    return int(years[-1]) if years else None
