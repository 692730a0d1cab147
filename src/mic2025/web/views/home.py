"""The home page: the one-page dashboard of every target, for China or one sector.

Rows and groups are ``mic2025.present.dashboard``'s (shared with the reports); this
module only picks the sector, adds the counts, the roll-up by category and the steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from mic2025.evaluate.assessment import Assessment
from mic2025.evaluate.rollups import rollup
from mic2025.evaluate.status import STATUSES
from mic2025.plan import Plan
from mic2025.present.dashboard import DashboardGroup, dashboard_groups
from mic2025.store.areas import NATIONAL
from mic2025.vocabulary import group_label
from mic2025.web.service import Publication
from mic2025.web.views.charts import counts_svg
from mic2025.web.views.common import Choices, Fmt, Status, choices, sector_name, status_counts


@dataclass
class Home:
    plan_title: str
    issuer: str
    document: str
    issued: str
    sector: str
    sector_name: str
    choices: Choices
    counts: list[tuple[Status, int]]
    counts_svg: str
    total: int
    groups: list[DashboardGroup]
    rollup: list[dict[str, Any]]
    steps: list[dict[str, Any]]


def for_sector(assessment: Assessment, sector: str) -> Assessment:
    """The assessment's rows for one sector (all manufacturing by default)."""

    def keep(frame: Any) -> Any:
        return frame if frame.empty else frame[frame["sector"] == sector].reset_index(drop=True)

    return replace(assessment, heads=keep(assessment.heads), detail=keep(assessment.detail))


def home(pub: Publication, lang: str, as_of: dt.date | None, milestone: int | None, sector: str) -> Home:
    plan, fmt = pub.plan, Fmt(lang)
    assessment = for_sector(pub.assessment(as_of, milestone, NATIONAL), sector)
    counts = status_counts(assessment, fmt)
    return Home(
        plan_title=plan.title.get(lang),
        issuer=plan.issuer.get(lang),
        document=plan.document.get(lang),
        issued=plan.issued.isoformat(),
        sector=sector,
        sector_name=sector_name(plan, sector, fmt),
        choices=choices(plan, fmt),
        counts=counts,
        counts_svg=counts_svg(counts, fmt),
        total=sum(n for _s, n in counts),
        groups=dashboard_groups(assessment, plan, fmt),
        rollup=_rollup(plan, assessment, fmt),
        steps=_steps(plan, lang),
    )


def _rollup(plan: Plan, assessment: Assessment, fmt: Fmt) -> list[dict[str, Any]]:
    """Verdicts counted per category, for the rows shown (proxies left out, as in the counts)."""
    roll = rollup(assessment.heads, by=("category",))
    if roll.empty:
        return []
    roll = roll[(roll["dimension"] == "category") & (roll["group"] != "")]
    return [
        {
            "label": group_label(plan, "category", r.group, fmt.lang, fmt._),
            "counts": [int(getattr(r, s)) for s in STATUSES],
            "total": int(r.total),
        }
        for r in roll.itertuples(index=False)
    ]


def _steps(plan: Plan, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "number": s.number,
            "year": s.year,
            "label": s.labels.get(lang),
            "description": s.description.get(lang) if s.description else "",
        }
        for s in sorted(plan.steps, key=lambda s: s.number)
    ]
