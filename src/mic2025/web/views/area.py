"""A province's page: its name, the verdicts its own figures give, and every figure it has.

The strategy's targets are national.  A province's figures are evaluated against them
like the national ones; most are of another scope (whole economy, not manufacturing) and
so are proxies: shown with their verdict "not judged (context)", never counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mic2025.plan import Plan
from mic2025.plan.describe import describe_target
from mic2025.present.figure_notes import figure_note
from mic2025.present.verdicts import figure
from mic2025.vocabulary import OBS_STATUS
from mic2025.web.service import Publication
from mic2025.web.views.common import (
    Choices,
    Fmt,
    Status,
    amount,
    at_period,
    choices,
    place,
    sector_name,
    source_titles,
    status_counts,
    vintage_text,
)


@dataclass
class VerdictRow:
    indicator: str
    indicator_label: str
    target: str
    sector: str
    latest: str
    status: Status
    proxy: bool
    source: str
    source_title: str


@dataclass
class AreaFigure:
    indicator: str
    indicator_label: str
    period: str
    sector: str
    value: str
    status: str
    source: str
    source_title: str
    vintage: str
    note: str


@dataclass
class AreaPage:
    code: str
    name: str
    choices: Choices
    counts: list[tuple[Status, int]]
    total: int
    rows: list[VerdictRow]
    figures: list[AreaFigure]


def area_page(
    pub: Publication, code: str, lang: str, as_of: dt.date | None, milestone: int | None
) -> AreaPage:
    plan, fmt = pub.plan, Fmt(lang)
    assessment = pub.assessment(as_of, milestone, code)
    counts = status_counts(assessment, fmt)
    titles = source_titles(pub.sources(), lang)
    heads = assessment.heads
    heads = heads[heads["area"] == code] if not heads.empty else heads
    return AreaPage(
        code=code,
        name=place(code, fmt),
        choices=choices(plan, fmt),
        counts=counts,
        total=sum(n for _s, n in counts),
        rows=[_verdict(plan, r, fmt, titles) for r in heads.to_dict("records")],
        figures=_figures(plan, pub.observations(area=code, as_of=as_of), fmt, titles),
    )


def _verdict(plan: Plan, row: dict[str, Any], fmt: Fmt, titles: dict[str, str]) -> VerdictRow:
    targets = {t.id: t for t in plan.targets()}
    target = targets.get(row["target"])
    source = str(row.get("evidence_source") or "")
    return VerdictRow(
        indicator=row["indicator"],
        indicator_label=plan.indicator(row["indicator"]).labels.get(fmt.lang),
        target=describe_target(target, plan, fmt.lang) if target else row["target"],
        sector=sector_name(plan, row["sector"], fmt),
        latest=at_period(fmt, figure(fmt, plan, row), row.get("evidence_period")),
        status=fmt.status(row["status"]),
        proxy=bool(row["proxy"]),
        source=source,
        source_title=titles.get(source, source),
    )


def _figures(plan: Plan, obs: pd.DataFrame, fmt: Fmt, titles: dict[str, str]) -> list[AreaFigure]:
    """The area's figures, by indicator in the plan's order, then by period."""
    order = {ind.id: n for n, ind in enumerate(plan.indicators)}
    if obs.empty:
        return []
    obs = obs.assign(_o=obs["indicator"].map(order)).sort_values(["_o", "period"], kind="mergesort")
    out = []
    for r in obs.itertuples(index=False):
        ind = plan.indicator(r.indicator)
        out.append(
            AreaFigure(
                indicator=r.indicator,
                indicator_label=ind.labels.get(fmt.lang),
                period=str(r.period),
                sector=sector_name(plan, r.sector, fmt),
                value=amount(fmt, plan, ind, r.value, getattr(r, "qualifier", None)),
                status=fmt._(OBS_STATUS.get(r.status, r.status)),
                source=r.source,
                source_title=titles.get(r.source, r.source),
                vintage=vintage_text(r.vintage),
                note=figure_note(fmt, r.note),
            )
        )
    return out
