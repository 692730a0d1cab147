"""An indicator's page: definition, targets, chart, every method's evaluation, every figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mic2025.plan import Plan
from mic2025.plan.describe import describe_target, unit_label
from mic2025.plan.model import Indicator
from mic2025.present.figure_notes import figure_note
from mic2025.present.verdicts import decided_by as decided_by_words
from mic2025.present.verdicts import figure, target_figure
from mic2025.vocabulary import CATEGORY_NAMES, OBS_STATUS
from mic2025.web.service import Publication
from mic2025.web.views.charts import indicator_svg
from mic2025.web.views.common import (
    Fmt,
    Status,
    amount,
    as_int,
    at_period,
    place,
    sector_name,
    source_titles,
    vintage_text,
)


@dataclass
class MethodRow:
    name: str
    status: Status
    ratio: str
    projected: str
    prob: str
    years: str
    note: str


@dataclass
class TargetBlock:
    text: str
    indicator_label: str
    area: str
    sector: str
    headline: Status
    decided_by: str
    baseline: str
    latest: str
    target_value: str
    methods: list[MethodRow]


@dataclass
class FigureRow:
    period: str
    area: str
    sector: str
    value: str
    unit: str
    status: str
    source: str
    source_title: str
    vintage: str
    note: str


@dataclass
class IndicatorPage:
    id: str
    label: str
    unit: str
    direction: str
    category: str
    section: str
    definition: str
    proxy_of: tuple[str, str] | None
    proxies: list[tuple[str, str]]
    targets: list[str]
    area_name: str
    chart_svg: str
    blocks: list[TargetBlock]
    figures: list[FigureRow]
    all_vintages: bool


def indicator_page(
    pub: Publication, ind: Indicator, lang: str, as_of: dt.date | None, area: str, all_vintages: bool
) -> IndicatorPage:
    plan, fmt = pub.plan, Fmt(lang)
    unit = unit_label(plan, ind.unit, lang)
    obs = pub.observations(indicator=ind.id, as_of=as_of, all_vintages=all_vintages)
    in_force = obs if not all_vintages else pub.observations(indicator=ind.id, as_of=as_of)
    card = _mine(pub.scorecard(as_of, None, area), ind)
    heads = _mine(pub.headline(as_of, None, area), ind)
    return IndicatorPage(
        **_facts(plan, ind, fmt),
        unit=unit,
        area_name=place(area, fmt),
        chart_svg=indicator_svg(in_force, card, ind, area, fmt, unit),
        blocks=[_block(plan, h, card, fmt) for h in heads.itertuples(index=False)],
        figures=_figures(pub, plan, obs, fmt, unit),
        all_vintages=all_vintages,
    )


def _mine(frame: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    return frame[frame["indicator"] == ind.id] if not frame.empty else frame


def _facts(plan: Plan, ind: Indicator, fmt: Fmt) -> dict[str, Any]:
    """What the plan says about the indicator, in the page language."""
    _, lang = fmt._, fmt.lang
    definition = ind.formula or ind.description
    parent = plan.indicator(ind.proxy_of) if ind.proxy_of else None
    return {
        "id": ind.id,
        "label": ind.labels.get(lang),
        "direction": _("higher is better") if ind.direction == "higher" else _("lower is better"),
        "category": _(CATEGORY_NAMES.get(ind.category, ind.category)),
        "section": ind.ref.section,
        "definition": definition.get(lang) if definition else "",
        "proxy_of": (parent.id, parent.labels.get(lang)) if parent else None,
        "proxies": [(p.id, p.labels.get(lang)) for p in plan.indicators if p.proxy_of == ind.id],
        "targets": [describe_target(t, plan, lang) for t in ind.targets],
    }


def _block(plan: Plan, h: Any, card: pd.DataFrame, fmt: Fmt) -> TargetBlock:
    """One target's evaluation: the headline verdict and each method's row."""
    targets = {t.id: t for t in plan.targets()}
    target = targets.get(h.target)
    ind = plan.indicator(h.indicator)
    rows = card[(card["target"] == h.target) & (card["area"] == h.area) & (card["sector"] == h.sector)]
    head = h._asdict()
    return TargetBlock(
        text=describe_target(target, plan, fmt.lang) if target else h.target,
        indicator_label=plan.indicator(h.metric).labels.get(fmt.lang),
        area=place(h.area, fmt),
        sector=sector_name(plan, h.sector, fmt),
        headline=fmt.status(h.status),
        decided_by=decided_by_words(fmt, head),
        baseline=at_period(fmt, amount(fmt, plan, ind, h.baseline_value), as_int(h.baseline_year)),
        latest=at_period(fmt, figure(fmt, plan, head), h.evidence_period),
        target_value=at_period(fmt, target_figure(fmt, plan, head), as_int(h.target_year)),
        methods=[_method(r, fmt) for r in rows.itertuples(index=False)],
    )


def _method(r: Any, fmt: Fmt) -> MethodRow:
    return MethodRow(
        name=fmt.method(r.method),
        status=fmt.status(r.status),
        ratio=fmt.num(r.progress_ratio, 2),
        projected=fmt.num(r.projected_value),
        prob=fmt.pct(r.prob_meet),
        years=str(r.years_used or ""),
        note=fmt.note(r.note),
    )


def _figures(pub: Publication, plan: Plan, obs: pd.DataFrame, fmt: Fmt, unit: str) -> list[FigureRow]:
    """Every figure with its area and sector by name, its source by title and its vintage."""
    titles = source_titles(pub.sources(), fmt.lang)
    return [
        FigureRow(
            period=str(r.period),
            area=place(r.area, fmt),
            sector=sector_name(plan, r.sector, fmt),
            value=fmt.num(r.value),
            unit=unit,
            status=fmt._(OBS_STATUS.get(r.status, r.status)),
            source=r.source,
            source_title=titles.get(r.source, r.source),
            vintage=vintage_text(r.vintage),
            note=figure_note(fmt, r.note),
        )
        for r in obs.itertuples(index=False)
    ]
