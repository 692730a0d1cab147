"""The executive summary: dashboard, verdict lists and largest gaps, from the headline rows.

Counts, lists and the dashboard all read the same headline rows (one per target,
proxies left out), so a list titled "not achieved (1)" lists exactly one target and
says why in the shared verdict phrase (:mod:`mic2025.present.verdicts`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from mic2025.evaluate.assessment import Assessment
from mic2025.evaluate.status import STATUS_RANK
from mic2025.plan.describe import PERCENT_UNITS, describe_target, quantity
from mic2025.present.dashboard import DashboardGroup, dashboard_groups
from mic2025.present.formatter import Formatter, StatusView, missing
from mic2025.present.ordering import target_order
from mic2025.present.verdicts import figure, verdict_phrase
from mic2025.vocabulary import N_

if TYPE_CHECKING:
    from mic2025.plan.model import Plan
    from mic2025.report.inputs import Inputs

LISTS: tuple[tuple[str, str], ...] = (
    ("achieved", N_("Targets achieved")),
    ("not_achieved", N_("Targets not achieved (deadline passed)")),
    ("not_yet_known", N_("Targets whose verdict is not yet known (deadline passed, figure not published)")),
)
PROVISIONAL_LIST = N_("Provisional verdicts (figure for part of the target year)")
GAP = N_("{line}: gap {gap}; {period} figure {latest}")
POINT_UNITS = (*PERCENT_UNITS, "pct_points", "pct_change_yoy", "pct_change_cum")
"""Units whose differences are percentage points."""
INDEX_UNITS = ("index_2015_eq_100",)
"""Index units whose differences are index points."""
GAP_RATIO_METHOD = "growth_ratio"
NAMED = N_("{indicator}: {target}")
EXPLAINED = N_("{target}: {why}")


@dataclass(frozen=True)
class VerdictList:
    """Targets with one verdict: the title, the status shown, and one line per target."""

    status: StatusView
    title: str
    items: list[str]


def report_dashboard(
    plan: Plan, heads: pd.DataFrame, detail: pd.DataFrame, fmt: Formatter, on: dt.date, area: str
) -> list[DashboardGroup]:
    """The one-page dashboard from the report's headline rows (one area, all manufacturing)."""
    assessment = Assessment(detail, heads, on, None, None, area)
    return dashboard_groups(assessment, plan, fmt)


def verdict_lists(plan: Plan, heads: pd.DataFrame, fmt: Formatter) -> list[VerdictList]:
    """Achieved, not achieved, not yet known, provisional: each with its targets and why."""
    rows = _in_order(plan, heads)
    out = []
    for code, title in LISTS:
        chosen = [r for r in rows if r["status"] == code]
        out.append(VerdictList(fmt.status(code), fmt._(title), [_line(plan, r, fmt) for r in chosen]))
    provisional = [r for r in rows if bool(r.get("provisional"))]
    if provisional:
        items = [_line(plan, r, fmt) for r in provisional]
        out.append(VerdictList(fmt.status(str(provisional[0]["status"])), fmt._(PROVISIONAL_LIST), items))
    return out


def largest_gaps(
    plan: Plan, heads: pd.DataFrame, detail: pd.DataFrame, fmt: Formatter, n: int = 5
) -> list[str]:
    """Targets still short of their level: worst verdict first, then the lowest growth ratio.

    A gap at or past the target (≤ 0) is no gap, and a target with no figure since its
    baseline has none to show; the gap is the engine's, in points for percentages and
    indices, else in the indicator's unit or measure word.
    """
    ratios = {}
    if not detail.empty:
        pace = detail[detail["method"] == GAP_RATIO_METHOD]
        ratios = dict(zip(pace["target"], pace["progress_ratio"], strict=True))
    ranked = []
    for r in _in_order(plan, heads):
        if r["status"] in ("achieved", "insufficient_data", "not_judged") or missing(r.get("gap")):
            continue
        if missing(r.get("evidence_value")):  # nothing observed since the baseline: no pace to show
            continue
        if float(r["gap"]) <= 0 or not _gap_rests_on_evidence(r):
            continue
        ratio = ratios.get(r["target"])
        key = (STATUS_RANK.get(str(r["status"]), 9), math.inf if missing(ratio) else float(ratio))
        ranked.append((key, _gap_line(plan, r, fmt)))
    ranked.sort(key=lambda k: k[0])
    return [text for _key, text in ranked[:n]]


def _gap_rests_on_evidence(row: Any) -> bool:
    """Whether the gap follows from the figure printed beside it.

    A bound ("more than 1.6 %") gives no gap, and a gap the engine measured from an
    older point than the verdict's figure would contradict the line it stands in, so
    either leaves the target out of the list rather than print two numbers that disagree.
    """
    qualifier = row.get("evidence_qualifier")
    if isinstance(qualifier, str) and qualifier and qualifier != "~":
        return False
    if row.get("kind") == "average_annual_growth" or missing(row.get("target_value")):
        return True
    shown = abs(float(row["target_value"]) - float(row["evidence_value"]))
    return math.isclose(shown, abs(float(row["gap"])), rel_tol=1e-9, abs_tol=1e-9)


def gap_text(plan: Plan, row: Any, fmt: Formatter) -> str:
    """A gap in words: percentage points for percentages, points for indices, else the unit."""
    value = fmt.num(abs(float(row["gap"])))
    unit = str(row["unit"])
    if unit in POINT_UNITS:
        return fmt._("{value} percentage points").format(value=value)
    if unit in INDEX_UNITS:
        return quantity(value, "index_points", plan, fmt.lang)
    return quantity(value, unit, plan, fmt.lang, plan.indicator(str(row["indicator"])))


def _gap_line(plan: Plan, row: Any, fmt: Formatter) -> str:
    return fmt._(GAP).format(
        line=_target_name(plan, row, fmt),
        gap=gap_text(plan, row, fmt),
        latest=figure(fmt, plan, row),
        period=fmt.period(row.get("evidence_period")),
    )


def _line(plan: Plan, row: Any, fmt: Formatter) -> str:
    return fmt._(EXPLAINED).format(target=_target_name(plan, row, fmt), why=verdict_phrase(fmt, plan, row))


def _target_name(plan: Plan, row: Any, fmt: Formatter) -> str:
    target = next(t for t, _owner in plan.iter_targets() if t.id == row["target"])
    label = plan.indicator(str(row["indicator"])).labels.get(fmt.lang)
    return fmt._(NAMED).format(indicator=label, target=describe_target(target, plan, fmt.lang))


def _in_order(plan: Plan, heads: pd.DataFrame) -> list[Any]:
    """Headline rows of the national series (no proxies) in the strategy's target order."""
    if heads.empty:
        return []
    own = heads[~heads["proxy"].astype(bool)]
    order = target_order(plan)
    rows = [r for _, r in own.iterrows()]
    return sorted(rows, key=lambda r: order.get(str(r["target"]), 10**6))


def status_counts(inp: Inputs) -> tuple[list[dict[str, Any]], str]:
    """Targets per status (headline and each method; proxies not counted) and their bar chart."""
    from mic2025.evaluate.status import STATUSES
    from mic2025.report import charts
    from mic2025.report.inputs import chart_labels, status

    heads = national_heads(inp)
    card = inp.card[~inp.card["proxy"].astype(bool) & inp.card["target_year"].map(inp.in_scope).astype(bool)]
    counts = []
    for code in STATUSES:
        row: dict[str, Any] = {
            "status": status(inp.fmt, code),
            "headline": int((heads["status"] == code).sum()),
        }
        for m in inp.methods:
            row[m] = int(((card["method"] == m) & (card["status"] == code)).sum())
        counts.append(row)
    bars = [
        {
            "status": c["status"].code,
            "label": f"{c['status'].symbol} {c['status'].word}",
            "count": c["headline"],
        }
        for c in counts
    ]
    spec = charts.status_counts_chart(bars, chart_labels(inp.fmt, ""), inp.lang)
    return counts, charts.render_svg(spec, id_prefix="c-counts")


def national_heads(inp: Inputs) -> pd.DataFrame:
    """Headline rows counted in the summary: the area's own series, targets in scope."""
    heads = inp.heads
    if heads.empty:
        return heads.assign(status=pd.Series(dtype=object)) if "status" not in heads else heads
    heads = heads[~heads["proxy"].astype(bool)]
    return heads[heads["target_year"].map(inp.in_scope).astype(bool)]
