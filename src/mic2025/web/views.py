"""Page models: rows the store and the evaluation engine returned, formatted in one language.

Only selection, ordering and formatting happen here; every number shown was produced
by ``mic2025.evaluate`` or read from the store.  Charts are the report's Vega-Lite
specs (``mic2025.report.charts``) rendered to inline SVG on the server.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mic2025.evaluate.methods import DEFAULT_METHODS
from mic2025.evaluate.status import STATUSES
from mic2025.plan import Plan
from mic2025.plan.describe import describe_target, unit_label
from mic2025.plan.model import Indicator
from mic2025.present.formatter import Formatter, StatusView
from mic2025.present.verdicts import decided_by as decided_by_words
from mic2025.vocabulary import CATEGORY_NAMES, OBS_STATUS, group_label
from mic2025.web.service import Publication

log = logging.getLogger(__name__)
TOTAL = "_T"


Status = StatusView


class Fmt(Formatter):
    """The page formatter: the shared one, plus the engine-note helper pages use."""

    def note(self, text: Any) -> str:
        return self.notes(text)


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# -- overview --------------------------------------------------------------------------
@dataclass
class ScoreRow:
    indicator: str
    label: str
    proxy: bool
    target: str
    baseline: str
    latest: str
    status: Status
    decided_by: str
    methods: list[Status]


@dataclass
class Overview:
    plan_title: str
    issuer: str
    document: str
    issued: str
    counts: list[tuple[Status, int]]
    counts_svg: str
    methods: list[tuple[str, str, str]]
    groups: list[tuple[str, list[ScoreRow]]]
    steps: list[dict[str, Any]]
    rollup: list[dict[str, Any]]
    total: int


def overview(
    pub: Publication, lang: str, as_of: dt.date | None, milestone: int | None, area: str
) -> Overview:
    plan = pub.plan
    fmt = Fmt(lang)
    _ = fmt._
    heads = pub.headline(as_of, milestone, area)
    if not heads.empty:
        heads = heads[(heads["area"] == area) & (heads["sector"] == TOTAL)]
    methods = [m for m in DEFAULT_METHODS if not heads.empty and f"status_{m}" in heads.columns]
    key_ids = {i.id for i in plan.key_indicators()}
    targets = {t.id: t for t in plan.targets()}
    order = {t.id: n for n, t in enumerate(_ordered(plan))}
    groups: dict[str, list[ScoreRow]] = {"key": [], "project": [], "other": []}
    rows = (
        heads.assign(_o=heads["target"].map(order)).sort_values(["_o", "proxy"], kind="mergesort")
        if not heads.empty
        else heads
    )
    for r in rows.itertuples(index=False):
        if r.proxy:
            continue
        ind = plan.indicator(r.indicator)
        group = "project" if r.owner_type == "project" else ("key" if r.metric in key_ids else "other")
        target = targets.get(r.target)
        unit = unit_label(plan, ind.unit, lang)
        groups[group].append(
            ScoreRow(
                indicator=r.indicator,
                label=ind.labels.get(lang),
                proxy=bool(r.proxy),
                target=describe_target(target, plan, lang) if target else r.target,
                baseline=_value_at(fmt, r.baseline_value, _int(r.baseline_year), unit),
                latest=_value_at(fmt, r.evidence_value, r.evidence_period, unit),
                status=fmt.status(r.status),
                decided_by=decided_by_words(fmt, r._asdict()),
                methods=[fmt.status(getattr(r, f"status_{m}")) for m in methods],
            )
        )
    judged = heads[~heads["proxy"].astype(bool)] if not heads.empty else heads
    counts = [(fmt.status(s), int((judged["status"] == s).sum()) if len(judged) else 0) for s in STATUSES]
    roll = pub.rollup(as_of, milestone, area)
    roll = roll[(roll["dimension"] == "category") & (roll["group"] != "")] if not roll.empty else roll
    return Overview(
        plan_title=plan.title.get(lang),
        issuer=plan.issuer.get(lang),
        document=plan.document.get(lang),
        issued=plan.issued.isoformat(),
        counts=counts,
        counts_svg=_counts_svg(counts, fmt),
        methods=[(m, fmt.method(m), fmt.method(m, short=True)) for m in methods],
        groups=[
            (_("Key indicators"), groups["key"]),
            (_("Major projects"), groups["project"]),
            (_("Other targets"), groups["other"]),
        ],
        steps=[
            {
                "number": s.number,
                "year": s.year,
                "label": s.labels.get(lang),
                "description": s.description.get(lang) if s.description else "",
            }
            for s in sorted(plan.steps, key=lambda s: s.number)
        ],
        rollup=[
            {
                "label": group_label(plan, "category", r.group, lang, _),
                "counts": [int(getattr(r, s)) for s in STATUSES],
                "total": int(r.total),
            }
            for r in roll.itertuples(index=False)
        ],
        total=sum(n for _s, n in counts),
    )


def _ordered(plan: Plan) -> list[Any]:
    """Key-indicator targets in table order, then other indicators', then projects'."""
    key = [t for i in plan.indicators if i.key for t in i.targets]
    other = [t for i in plan.indicators if not i.key for t in i.targets]
    return key + other + [t for p in sorted(plan.projects, key=lambda p: p.number) for t in p.targets]


def _value_at(fmt: Fmt, value: Any, when: Any, unit: str) -> str:
    shown = fmt.num(value)
    if not shown:
        return ""
    return f"{shown} {unit} ({when})" if when not in (None, "") else f"{shown} {unit}"


def _counts_svg(counts: list[tuple[Status, int]], fmt: Fmt) -> str:
    """The report's status-count bar chart, or nothing if the chart module is unavailable."""
    try:
        from mic2025.report import charts
    except ImportError:  # pragma: no cover - the chart module is part of the package
        return ""
    _ = fmt._
    try:
        labels = _chart_labels(charts, fmt, "")
        spec = charts.status_counts_chart(
            [{"status": s.code, "label": f"{s.symbol} {s.word}", "count": n} for s, n in counts],
            labels,
            fmt.lang,
        )
        return charts.render_svg(spec, id_prefix="c-counts")
    except Exception:  # a chart must never take the page down; the table says the same
        log.exception("status chart failed")
        return ""


def _chart_labels(charts: Any, fmt: Fmt, unit: str) -> Any:
    _ = fmt._
    return charts.ChartLabels(
        observed=_("observed"),
        baseline=_("baseline"),
        target=_("target"),
        target_path=_("target path"),
        projection=_("trend projection (90 % interval)"),
        interval=_("90 % prediction interval"),
        year=_("year (end of period)"),
        unit=unit,
        count=_("number of targets"),
    )


# -- indicator page --------------------------------------------------------------------
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
    entity: str
    value: str
    unit: str
    status: str
    source: str
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
    chart_svg: str
    blocks: list[TargetBlock]
    figures: list[FigureRow]
    all_vintages: bool


def indicator_page(
    pub: Publication, ind: Indicator, lang: str, as_of: dt.date | None, area: str, all_vintages: bool
) -> IndicatorPage:
    plan = pub.plan
    fmt = Fmt(lang)
    _ = fmt._
    unit = unit_label(plan, ind.unit, lang)
    obs = pub.observations(indicator=ind.id, as_of=as_of, all_vintages=all_vintages)
    card = pub.scorecard(as_of, None, area)
    mine = card[card["indicator"] == ind.id] if not card.empty else card
    heads = pub.headline(as_of, None, area)
    heads = heads[heads["indicator"] == ind.id] if not heads.empty else heads
    targets = {t.id: t for t in plan.targets()}

    blocks = []
    for h in heads.itertuples(index=False):
        rows = mine[(mine["target"] == h.target) & (mine["area"] == h.area) & (mine["sector"] == h.sector)]
        target = targets.get(h.target)
        blocks.append(
            TargetBlock(
                text=describe_target(target, plan, lang) if target else h.target,
                indicator_label=plan.indicator(h.metric).labels.get(lang),
                area=h.area,
                sector=h.sector,
                headline=fmt.status(h.status),
                decided_by=decided_by_words(fmt, h._asdict()),
                baseline=_value_at(fmt, h.baseline_value, _int(h.baseline_year), unit),
                latest=_value_at(fmt, h.evidence_value, h.evidence_period, unit),
                target_value=_value_at(fmt, h.target_value, _int(h.target_year), unit),
                methods=[
                    MethodRow(
                        name=fmt.method(r.method),
                        status=fmt.status(r.status),
                        ratio=fmt.num(r.progress_ratio, 2),
                        projected=fmt.num(r.projected_value),
                        prob=fmt.pct(r.prob_meet),
                        years=str(r.years_used or ""),
                        note=fmt.note(r.note),
                    )
                    for r in rows.itertuples(index=False)
                ],
            )
        )

    figures = [
        FigureRow(
            period=str(r.period),
            area=r.area,
            sector=r.sector,
            entity=r.entity or "",
            value=fmt.num(r.value),
            unit=unit,
            status=_(OBS_STATUS.get(r.status, r.status)),
            source=r.source,
            vintage=r.vintage.isoformat() if hasattr(r.vintage, "isoformat") else str(r.vintage),
            note=r.note if isinstance(r.note, str) else "",
        )
        for r in obs.itertuples(index=False)
    ]
    definition = ind.formula or ind.description
    proxies = [(p.id, p.labels.get(lang)) for p in plan.indicators if p.proxy_of == ind.id]
    parent = plan.indicator(ind.proxy_of) if ind.proxy_of else None
    return IndicatorPage(
        id=ind.id,
        label=ind.labels.get(lang),
        unit=unit,
        direction=_("higher is better") if ind.direction == "higher" else _("lower is better"),
        category=_(CATEGORY_NAMES.get(ind.category, ind.category)),
        section=ind.ref.section,
        definition=definition.get(lang) if definition else "",
        proxy_of=(parent.id, parent.labels.get(lang)) if parent else None,
        proxies=proxies,
        targets=[describe_target(t, plan, lang) for t in ind.targets],
        chart_svg=_indicator_svg(
            obs if not all_vintages else pub.observations(indicator=ind.id, as_of=as_of),
            mine,
            ind,
            area,
            fmt,
            unit,
        ),
        blocks=blocks,
        figures=figures,
        all_vintages=all_vintages,
    )


def _indicator_svg(
    obs: pd.DataFrame, card: pd.DataFrame, ind: Indicator, area: str, fmt: Fmt, unit: str
) -> str:
    """The report's indicator chart for the area's all-manufacturing series (inline SVG).

    Inputs are selected, never computed: observed figures in force; baseline and target
    levels and the trend projection exactly as the evaluation engine returned them.
    """
    try:
        from mic2025.report import charts
    except ImportError:  # pragma: no cover
        return ""
    _ = fmt._
    series = obs[(obs["area"] == area) & (obs["sector"] == TOTAL) & (obs["entity"].fillna("") == "")]
    series = series.assign(_t=series["period"].map(charts.period_position)).sort_values("_t")
    observed = [{"period": str(r.period), "value": float(r.value)} for r in series.itertuples(index=False)]
    own = card[(card["area"] == area) & (card["sector"] == TOTAL)] if not card.empty else card
    bounds = {ind.id: ind.upper_bound} if ind.upper_bound is not None else {}
    markers, projections, paths = charts.chart_inputs(own, _("{year} target"), bounds)
    if not observed and not markers:
        return ""
    try:
        spec = charts.indicator_chart(
            observed, markers, projections, _chart_labels(charts, fmt, unit), fmt.lang, paths
        )
        return charts.render_svg(spec, id_prefix=f"c-{ind.id}")
    except Exception:  # the figures table below carries every number anyway
        log.exception("indicator chart failed for %s", ind.id)
        return ""


# -- sources ---------------------------------------------------------------------------
def source_rows(pub: Publication) -> list[dict[str, Any]]:
    frame = pub.sources()
    out = []
    for r in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        r = {k: ("" if v is None else v) for k, v in r.items()}
        for k in ("published", "retrieved"):
            r[k] = r[k].isoformat() if hasattr(r[k], "isoformat") else str(r[k])
        out.append(r)
    return out
