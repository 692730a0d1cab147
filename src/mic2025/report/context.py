"""The report model: plan, figures, evaluation and sources gathered into plain objects.

Publication layers never compute figures.  This module only *selects* rows that the
store and the evaluation engine produced, orders them stably, and *formats* them in the
report language (numbers through Babel, words through the plan and the catalogues).
Everything the templates show comes from here, so the HTML and the PDF, and the web
dashboard later, say the same thing.

``gather`` reads a store; ``build_model`` is the pure part, testable with frames.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mic2025.evaluate.assessment import assess_store
from mic2025.evaluate.methods import DEFAULT_METHODS, METHODS
from mic2025.evaluate.status import COLOURS, STATUSES, SYMBOLS, WORDS
from mic2025.languages import language
from mic2025.plan.describe import describe_target, quantity, unit_label
from mic2025.plan.model import Indicator, Plan, Project, Target
from mic2025.present.dashboard import DashboardGroup
from mic2025.present.formatter import Formatter as SharedFormatter
from mic2025.report import charts, summary
from mic2025.report.figures import chart_caption, figure_rows
from mic2025.report.metadata import indicator_metadata
from mic2025.report.sectors import SectorMatrix, sector_matrix
from mic2025.report.sources import SourceName, licence, source_names, unknown
from mic2025.report.summary import VerdictList
from mic2025.store.areas import NATIONAL, area_name
from mic2025.vocabulary import CATEGORY_NAMES

TOTAL_SECTOR = "_T"


# -- formatting ------------------------------------------------------------------------
class Formatter(SharedFormatter):
    """The shared formatter (``mic2025.present``) with the report's ratio shorthand."""

    def ratio(self, value: Any) -> str:
        return self.num(value, 2)


# -- the model -------------------------------------------------------------------------
@dataclass
class Status:
    """A status shown by word, symbol and colour (never colour alone)."""

    code: str
    word: str
    symbol: str
    colour: str


@dataclass
class MethodResult:
    method: str
    name: str
    status: Status
    why: str


@dataclass
class TargetBlock:
    """One target of an indicator (or a proxy's row for it) with each method's verdict."""

    id: str
    text: str
    year: int
    ref: str
    indicator_label: str
    proxy: bool
    baseline: str
    latest: str
    target_level: str
    headline: Status
    methods: list[MethodResult]
    latest_period: str = ""


@dataclass
class FigureRow:
    indicator: str
    period: str
    value: str
    unit: str
    status: str
    source: str
    vintage: str
    source_anchor: str = ""


@dataclass
class IndicatorSection:
    id: str
    anchor: str
    label: str
    unit: str
    direction: str
    category: str
    ref: str
    key: bool
    definition: str
    targets_text: list[str]
    chart_svg: str
    chart_spec: dict[str, Any]
    figures: list[FigureRow]
    proxy_figures: list[tuple[str, list[FigureRow]]]
    blocks: list[TargetBlock]
    metadata: list[tuple[str, str]] = field(default_factory=list)
    caption: str = ""


@dataclass
class DataLine:
    """What exists for one indicator in a project or sector: count, periods, latest."""

    label: str
    n: int
    periods: str
    latest: str
    sources: str


@dataclass
class GroupSection:
    """A major project or a priority sector: what data exist and what is missing."""

    id: str
    number: int
    label: str
    ref: str
    description: str
    extra: str
    targets: list[tuple[str, Status]]
    available: list[DataLine]
    missing: list[str]


@dataclass
class SummaryRow:
    label: str
    target: str
    latest: str
    headline: Status
    methods: list[Status]
    anchor: str


@dataclass
class SourceRow:
    id: str
    publisher: str
    title: str
    table: str
    url: str
    published: str
    retrieved: str
    licence: str
    synthetic: bool
    figures: str


@dataclass
class DefinitionRow:
    label: str
    unit: str
    direction: str
    ref: str
    definition: str
    proxy_of: str


@dataclass
class ReportModel:
    """Everything a report shows, already selected, ordered and formatted."""

    lang: str
    font_stack: str
    title: str
    plan_title: str
    issuer: str
    document: str
    area: str
    milestone: int | None
    as_of: str
    generated: str
    status_legend: list[Status]
    counts: list[dict[str, Any]]
    counts_chart_svg: str
    methods: list[str]
    method_names: list[str]
    scorecard: list[SummaryRow]
    dashboard: list[DashboardGroup]
    lists: list[VerdictList]
    gaps: list[str]
    indicators: list[IndicatorSection]
    projects: list[GroupSection]
    definitions: list[DefinitionRow]
    sources: list[SourceRow]
    kinds: list[tuple[str, str]] = field(default_factory=list)
    area_name: str = ""
    data_cutoff: str = ""
    sector_matrix: SectorMatrix | None = None


def gather(
    monitor: Any,
    lang: str = "en",
    milestone: int | None = None,
    as_of: dt.date | str | None = None,
    area: str = "CN",
    generated: dt.date | None = None,
) -> ReportModel:
    """Read figures, sources and the evaluation from an open ``Monitor`` and build the model."""
    as_of_date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    observations = monitor.observations(as_of=as_of_date)
    result = assess_store(monitor, as_of=as_of_date, area=area, today=generated)
    return build_model(
        monitor.plan,
        observations,
        result.detail,
        monitor.sources(),
        lang=lang,
        milestone=milestone,
        as_of=as_of_date,
        area=area,
        generated=generated,
        heads=result.heads,
    )


def build_model(
    plan: Plan,
    observations: pd.DataFrame,
    scorecard: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    milestone: int | None = None,
    as_of: dt.date | None = None,
    area: str = "CN",
    generated: dt.date | None = None,
    heads: pd.DataFrame | None = None,
) -> ReportModel:
    """The report model from plain frames (no store); see the module docstring."""
    if milestone not in (None, 2020, 2025):
        raise ValueError("milestone must be 2020, 2025 or None")
    fmt = Formatter(lang)
    _ = fmt._
    obs = observations[
        (observations["area"] == area)
        & (observations["sector"] == TOTAL_SECTOR)
        & (observations["entity"].fillna("") == "")
    ].copy()
    obs["_pos"] = obs["period"].map(charts.period_position)
    obs = obs.sort_values(["indicator", "_pos", "period", "source"], kind="mergesort")
    by_ind = {k: g for k, g in obs.groupby("indicator", sort=True)}

    card = scorecard[(scorecard["area"] == area) & (scorecard["sector"] == TOTAL_SECTOR)]
    if heads is None:
        from mic2025.evaluate.verdict import headline

        on = as_of or generated
        heads = headline(card, as_of=on, order=list(DEFAULT_METHODS)) if not card.empty else card
    heads = heads[(heads["area"] == area) & (heads["sector"] == TOTAL_SECTOR)] if not heads.empty else heads
    in_scope = (lambda y: True) if milestone is None else (lambda y: int(y) == milestone)
    methods = [m for m in DEFAULT_METHODS if m in set(card["method"])]

    def status(code: str) -> Status:
        return Status(code, _(WORDS.get(code, code)), SYMBOLS.get(code, "?"), COLOURS.get(code, "#777777"))

    chart_labels = lambda unit: charts.ChartLabels(  # noqa: E731
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

    # indicators: metrics of targets in scope (key table order, then project order)
    metric_ids: list[str] = []
    for target, _owner in _ordered_targets(plan):
        if in_scope(target.year) and target.metric not in metric_ids:
            metric_ids.append(target.metric)
    proxies: dict[str, list[Indicator]] = {}
    for ind in plan.indicators:
        if ind.proxy_of:
            proxies.setdefault(ind.proxy_of, []).append(ind)
    targets_of: dict[str, list[Target]] = {}
    for target, _owner in _ordered_targets(plan):
        targets_of.setdefault(target.metric, []).append(target)

    names = source_names(sources, lang, _) if not sources.empty else {}

    def figures(ind: Indicator) -> list[FigureRow]:
        return figure_rows(ind, by_ind.get(ind.id), plan, fmt, names)

    sections: list[IndicatorSection] = []
    blocks_by_target: dict[str, TargetBlock] = {}
    bounds = {i.id: i.upper_bound for i in plan.indicators if i.upper_bound is not None}
    for metric_id in metric_ids:
        ind = plan.indicator(metric_id)
        unit = _unit_text(plan, ind, lang)
        rows_all = card[card["metric"] == metric_id]
        own = rows_all[rows_all["indicator"] == metric_id]
        own_heads = heads[(heads["metric"] == metric_id)] if not heads.empty else heads
        # chart inputs, straight from observations and evaluation rows
        series = by_ind.get(metric_id)
        observed = (
            []
            if series is None
            else [{"period": str(r.period), "value": float(r.value)} for r in series.itertuples(index=False)]
        )
        markers, projections, own_paths = charts.chart_inputs(own, _("{year} target"), bounds)
        spec = charts.indicator_chart(observed, markers, projections, chart_labels(unit), lang, own_paths)
        svg = charts.render_svg(spec, id_prefix=f"c-{metric_id}")

        blocks: list[TargetBlock] = []
        for target in targets_of.get(metric_id, []):
            if not in_scope(target.year):
                continue
            for ind_id in [metric_id, *[p.id for p in proxies.get(metric_id, [])]]:
                rows = rows_all[(rows_all["target"] == target.id) & (rows_all["indicator"] == ind_id)]
                if rows.empty:
                    continue
                hrow = own_heads[(own_heads["target"] == target.id) & (own_heads["indicator"] == ind_id)]
                block = _target_block(plan, target, ind_id, rows, hrow, methods, fmt, status, lang)
                blocks.append(block)
                if ind_id == metric_id:
                    blocks_by_target[target.id] = block
        definition = _definition(ind, lang)
        proxy_figs = [(p.labels.get(lang), figures(p)) for p in proxies.get(metric_id, []) if p.id in by_ind]
        sections.append(
            IndicatorSection(
                id=metric_id,
                anchor=f"ind-{metric_id}",
                label=ind.labels.get(lang),
                unit=unit,
                direction=_("higher is better") if ind.direction == "higher" else _("lower is better"),
                category=_(CATEGORY_NAMES.get(ind.category, ind.category)),
                ref=fmt.ref(ind.ref),
                key=ind.key,
                definition=definition,
                targets_text=[describe_target(t, plan, lang) for t in targets_of.get(metric_id, [])],
                chart_svg=svg,
                chart_spec=spec,
                figures=figures(ind),
                proxy_figures=proxy_figs,
                blocks=blocks,
                metadata=indicator_metadata(ind, plan, fmt, series, proxies.get(metric_id, []), names),
                caption=chart_caption(series, fmt, names),
            )
        )

    if area != NATIONAL:  # a province: the sections with its own figures, or figures of other scope
        sections = [x for x in sections if x.figures or any(rows for _l, rows in x.proxy_figures)]
        metric_ids = [x.id for x in sections]

    # executive summary ---------------------------------------------------------------
    main_heads = heads[~heads["proxy"].astype(bool)] if not heads.empty else heads
    if not main_heads.empty:
        main_heads = main_heads[main_heads["target_year"].map(in_scope)]
    main_card = card[~card["proxy"].astype(bool) & card["target_year"].map(in_scope)]
    counts = []
    for code in STATUSES:
        n_head = int((main_heads["status"] == code).sum()) if len(main_heads) else 0
        row: dict[str, Any] = {"status": status(code), "headline": n_head}
        for m in methods:
            row[m] = int(((main_card["method"] == m) & (main_card["status"] == code)).sum())
        counts.append(row)
    counts_spec = charts.status_counts_chart(
        [
            {
                "status": c["status"].code,
                "label": f"{c['status'].symbol} {c['status'].word}",
                "count": c["headline"],
            }
            for c in counts
        ],
        chart_labels(""),
        lang,
    )
    counts_svg = charts.render_svg(counts_spec, id_prefix="c-counts")

    scorecard_rows = _scorecard_rows(sections)
    summary_heads = main_heads[main_heads["sector"] == TOTAL_SECTOR] if len(main_heads) else main_heads
    summary_card = card[card["target_year"].map(in_scope)]
    on = as_of or generated or dt.date.today()
    dashboard = summary.report_dashboard(plan, summary_heads, summary_card, fmt, on, area)
    lists = summary.verdict_lists(plan, summary_heads, fmt)
    gaps = summary.largest_gaps(plan, summary_heads, summary_card, fmt)

    projects = [
        _project_section(p, plan, obs, by_ind, blocks_by_target, in_scope, fmt, names)
        for p in sorted(plan.projects, key=lambda p: p.number)
    ]

    shown = [plan.indicator(i) for i in metric_ids]
    shown += [p for i in metric_ids for p in proxies.get(i, [])]
    definitions = [
        DefinitionRow(
            label=ind.labels.get(lang) + (" " + _("(proxy)") if ind.proxy_of else ""),
            unit=_unit_text(plan, ind, lang),
            direction=_("higher is better") if ind.direction == "higher" else _("lower is better"),
            ref=fmt.ref(ind.ref),
            definition=_definition(ind, lang),
            proxy_of=plan.indicator(ind.proxy_of).labels.get(lang) if ind.proxy_of else "",
        )
        for ind in shown
    ]
    used = obs[obs["indicator"].isin([i.id for i in shown])]
    source_rows = _source_rows(sources, used, plan, fmt, names)

    title = _("Evaluation report")
    if milestone == 2020:
        title = _("Mid-term evaluation report (2020 targets)")
    elif milestone == 2025:
        title = _("Final evaluation report (2025 targets)")
    return ReportModel(
        lang=lang,
        font_stack=language(lang).font_stack,
        title=title,
        plan_title=plan.title.get(lang),
        issuer=plan.issuer.get(lang),
        document=plan.document.get(lang),
        area=area,
        milestone=milestone,
        as_of=as_of.isoformat() if as_of else "",
        generated=generated.isoformat() if generated else "",
        status_legend=[status(c) for c in STATUSES],
        counts=counts,
        counts_chart_svg=counts_svg,
        methods=methods,
        method_names=[_(METHODS[m].LABEL) for m in methods],
        scorecard=scorecard_rows,
        dashboard=dashboard,
        lists=lists,
        gaps=gaps,
        indicators=sections,
        projects=projects,
        definitions=definitions,
        sources=source_rows,
        area_name=area_name(area, lang),
        sector_matrix=sector_matrix(plan, observations, area, fmt),
        data_cutoff=_latest_vintage(observations),
    )


# -- pieces ----------------------------------------------------------------------------
def _scorecard_rows(sections: list[IndicatorSection]) -> list[SummaryRow]:
    """One scorecard row per target of the national series (proxies are not counted)."""
    return [
        SummaryRow(s.label, b.text, b.latest, b.headline, [m.status for m in b.methods], s.anchor)
        for s in sections
        for b in s.blocks
        if not b.proxy
    ]


def _ordered_targets(plan: Plan) -> Iterable[tuple[Target, Any]]:
    """Key-indicator targets in table order, then other indicators', then projects'."""
    key = [(t, i) for i in plan.indicators if i.key for t in i.targets]
    other = [(t, i) for i in plan.indicators if not i.key for t in i.targets]
    proj = [(t, p) for p in sorted(plan.projects, key=lambda p: p.number) for t in p.targets]
    return [*key, *other, *proj]


def _unit_text(plan: Plan, ind: Indicator, lang: str) -> str:
    """The unit as a reader names it: a count's measure word (centres, 家, か所), else the label."""
    if ind.counter is not None and ind.counter.get(lang):
        return ind.counter.get(lang)
    return unit_label(plan, ind.unit, lang)


def _latest_vintage(observations: pd.DataFrame) -> str:
    """The newest publication date among the figures read: the data cut-off of the report."""
    if observations.empty or "vintage" not in observations.columns:
        return ""
    vintages = pd.to_datetime(observations["vintage"], errors="coerce").dropna()
    return vintages.max().date().isoformat() if len(vintages) else ""


def _definition(ind: Indicator, lang: str) -> str:
    """The indicator's formula from the plan, else its description, else nothing."""
    text = ind.formula or ind.description
    return text.get(lang) if text is not None else ""


def _date(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def _year_of(period: Any) -> int | None:
    m = re.match(r"(\d{4})", str(period or ""))
    return int(m.group(1)) if m else None


def _target_block(
    plan: Plan,
    target: Target,
    ind_id: str,
    rows: pd.DataFrame,
    hrow: pd.DataFrame,
    methods: list[str],
    fmt: Formatter,
    status: Callable[[str], Status],
    lang: str,
) -> TargetBlock:
    """One target x indicator: each method's status with its reasons, and the headline."""
    _ = fmt._
    ind = plan.indicator(ind_id)
    first = rows.iloc[0]
    results = []
    for m in methods:
        r = rows[rows["method"] == m]
        if r.empty:
            continue
        results.append(
            MethodResult(m, _(METHODS[m].LABEL), status(str(r["status"].iloc[0])), _why(r.iloc[0], m, fmt))
        )
    head_code = str(hrow["status"].iloc[0]) if len(hrow) else "insufficient_data"
    latest = ""
    if pd.notna(first["latest_value"]):
        latest = f"{fmt.num(first['latest_value'])} ({first['latest_period']})"
    baseline = ""
    if pd.notna(first["baseline_value"]):
        baseline = f"{fmt.num(first['baseline_value'])} ({int(first['baseline_year'])})"
    block = TargetBlock(
        id=target.id,
        text=describe_target(target, plan, lang),
        year=int(target.year),
        ref=fmt.ref(target.ref),
        indicator_label=ind.labels.get(lang) + (" " + _("(proxy)") if ind.proxy_of else ""),
        proxy=bool(first["proxy"]),
        baseline=baseline,
        latest=latest,
        target_level=fmt.num(first["target_value"]),
        headline=status(head_code),
        methods=results,
        latest_period=_text(first["latest_period"]),
    )
    return block


def _why(r: pd.Series, method: str, fmt: Formatter) -> str:
    """Why a method gave its status: its key quantity (the method explains), years, notes."""
    from mic2025.present.verdicts import decided_by

    _ = fmt._
    parts = [METHODS[method].explain(r, fmt)]
    parts.append(decided_by(fmt, r))
    if r.get("years_used"):
        parts.append(_("years used: {years}").format(years=r["years_used"]))
    parts.append(fmt.notes(r.get("note")))
    return _("; ").join(p for p in parts if p)


def _data_lines(
    ids: list[str], frame: pd.DataFrame, plan: Plan, fmt: Formatter, names: dict[str, SourceName]
) -> list[DataLine]:
    lang = fmt.lang
    lines = []
    for ind_id in ids:
        rows = frame[frame["indicator"] == ind_id]
        if rows.empty:
            continue
        rows = rows.assign(_pos=rows["period"].map(charts.period_position)).sort_values(
            ["_pos", "period"], kind="mergesort"
        )
        last = rows.iloc[-1]
        ind = plan.indicator(ind_id)
        latest = quantity(fmt.num(last["value"]), ind.unit, plan, lang, ind)
        cited = sorted(set(rows["source"].astype(str)))
        lines.append(
            DataLine(
                label=ind.labels.get(lang) + (" " + fmt._("(proxy)") if ind.proxy_of else ""),
                n=len(rows),
                periods=f"{rows['period'].iloc[0]} – {last['period']}",
                latest=f"{latest} ({last['period']})",
                sources=fmt._("; ").join((names.get(c) or unknown(c)).dated for c in cited),
            )
        )
    return lines


def _project_section(
    project: Project,
    plan: Plan,
    obs: pd.DataFrame,
    by_ind: dict[str, pd.DataFrame],
    blocks: dict[str, TargetBlock],
    in_scope: Callable[[int], bool],
    fmt: Formatter,
    names: dict[str, SourceName],
) -> GroupSection:
    """A major project: its targets' headline statuses, the data held and the gaps."""
    _, lang = fmt._, fmt.lang
    ids = [i.id for i in plan.indicators if i.project == project.id]
    for t in project.targets:
        if t.metric not in ids:
            ids.append(t.metric)
    targets = []
    missing = []
    for t in project.targets:
        if not in_scope(t.year):
            continue
        block = blocks.get(t.id)
        label = f"{plan.indicator(t.metric).labels.get(lang)}: {describe_target(t, plan, lang)}"
        code = block.headline if block else None
        if code is not None:
            targets.append((label, code))
            if code.code == "insufficient_data":
                missing.append(_("data to judge the target: {target}").format(target=label))
    for ind_id in ids:
        if ind_id not in by_ind:
            missing.append(
                _("any figure for: {indicator}").format(indicator=plan.indicator(ind_id).labels.get(lang))
            )
    if not project.targets:
        missing.insert(0, _("the plan states no numeric target for this project"))
    return GroupSection(
        id=project.id,
        number=project.number,
        label=project.labels.get(lang),
        ref=fmt.ref(project.ref),
        description=project.description.get(lang) if project.description else "",
        extra="",
        targets=targets,
        available=_data_lines(ids, obs, plan, fmt, names),
        missing=missing,
    )


def _source_rows(
    sources: pd.DataFrame, used: pd.DataFrame, plan: Plan, fmt: Formatter, names: dict[str, SourceName]
) -> list[SourceRow]:
    """Every source a figure in the report cites, named in the report language, with its figures."""
    lang = fmt.lang
    table = sources.set_index("id") if not sources.empty else sources
    out = []
    for sid in sorted(set(used["source"].astype(str))):
        figs = used[used["source"] == sid]
        listing = fmt._("; ").join(
            f"{plan.indicator(i).labels.get(lang)} {', '.join(g['period'].astype(str))}"
            for i, g in figs.groupby("indicator", sort=True)
        )
        name = names.get(sid) or unknown(sid)
        s = table.loc[sid] if sid in table.index else {}
        out.append(
            SourceRow(
                id=name.anchor,
                publisher=name.publisher,
                title=name.title,
                table=_text(s.get("table")),
                url=_text(s.get("url")),
                published=name.published,
                retrieved=_date(s.get("retrieved")),
                licence=licence(_text(s.get("licence")), fmt._),
                synthetic=bool(s.get("synthetic")) if pd.notna(s.get("synthetic")) else False,
                figures=listing,
            )
        )
    return out


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
