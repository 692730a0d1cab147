"""One section per indicator: facts, metadata, chart, each target's verdict by method, figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from mic2025.evaluate.methods import METHODS
from mic2025.plan.describe import describe_target, unit_label
from mic2025.report import charts
from mic2025.report.figures import chart_caption, figure_rows, value_text
from mic2025.report.inputs import Inputs, chart_labels, status
from mic2025.report.metadata import indicator_metadata
from mic2025.report.model import Formatter, IndicatorSection, MethodResult, TargetBlock
from mic2025.store.areas import NATIONAL
from mic2025.vocabulary import CATEGORY_NAMES

if TYPE_CHECKING:
    from mic2025.plan.model import Indicator, Plan, Target


def indicator_sections(inp: Inputs, ids: list[str]) -> list[IndicatorSection]:
    """The sections of ``ids``; a province keeps those with figures (its own or of other scope)."""
    sections = [_section(inp, metric_id) for metric_id in ids]
    if inp.area != NATIONAL:
        sections = [s for s in sections if s.figures or any(rows for _label, rows in s.proxy_figures)]
    return sections


def unit_text(plan: Plan, ind: Indicator, lang: str) -> str:
    """The unit as a reader names it: a count's measure word (centres, 家, か所), else the label."""
    if ind.counter is not None and ind.counter.get(lang):
        return ind.counter.get(lang)
    return unit_label(plan, ind.unit, lang)


def direction_text(fmt: Formatter, ind: Indicator) -> str:
    return fmt._("higher is better") if ind.direction == "higher" else fmt._("lower is better")


def definition(ind: Indicator, lang: str) -> str:
    """The indicator's formula from the plan, else its description, else nothing."""
    text = ind.formula or ind.description
    return text.get(lang) if text is not None else ""


def _section(inp: Inputs, metric_id: str) -> IndicatorSection:
    plan, fmt, lang = inp.plan, inp.fmt, inp.lang
    ind = plan.indicator(metric_id)
    series = inp.by_ind.get(metric_id)
    # a province without its own figures gets no chart: the targets drawn would be national
    own_chart = inp.area == NATIONAL or series is not None
    spec, svg = _chart(inp, ind, series) if own_chart else ({}, "")
    proxies = inp.proxies.get(metric_id, [])
    return IndicatorSection(
        id=metric_id,
        anchor=f"ind-{metric_id}",
        label=ind.labels.get(lang),
        unit=unit_text(plan, ind, lang),
        direction=direction_text(fmt, ind),
        category=fmt._(CATEGORY_NAMES.get(ind.category, ind.category)),
        ref=fmt.ref(ind.ref),
        key=ind.key,
        definition=definition(ind, lang),
        targets_text=[describe_target(t, plan, lang) for t in inp.targets_of.get(metric_id, [])],
        chart_svg=svg,
        chart_spec=spec,
        figures=figure_rows(ind, series, plan, fmt, inp.names),
        proxy_figures=[
            (p.labels.get(lang), figure_rows(p, inp.by_ind[p.id], plan, fmt, inp.names))
            for p in proxies
            if p.id in inp.by_ind
        ],
        blocks=_blocks(inp, metric_id),
        metadata=indicator_metadata(ind, plan, fmt, series, proxies, inp.names),
        caption=chart_caption(series, fmt, inp.names) if own_chart else "",
    )


def _chart(inp: Inputs, ind: Indicator, series: pd.DataFrame | None) -> tuple[dict, str]:
    """The indicator's chart: observed figures, targets and projections, as spec and SVG."""
    own = inp.card[(inp.card["metric"] == ind.id) & (inp.card["indicator"] == ind.id)]
    observed = (
        []
        if series is None
        else [{"period": str(r.period), "value": float(r.value)} for r in series.itertuples(index=False)]
    )
    bounds = {i.id: i.upper_bound for i in inp.plan.indicators if i.upper_bound is not None}
    markers, projections, paths = charts.chart_inputs(own, inp.fmt._("{year} target"), bounds)
    labels = chart_labels(inp.fmt, unit_text(inp.plan, ind, inp.lang))
    spec = charts.indicator_chart(observed, markers, projections, labels, inp.lang, paths)
    return spec, charts.render_svg(spec, id_prefix=f"c-{ind.id}")


def _blocks(inp: Inputs, metric_id: str) -> list[TargetBlock]:
    """Each target in scope, for the indicator and then each proxy with evaluation rows."""
    rows_all = inp.card[inp.card["metric"] == metric_id]
    heads = inp.heads[inp.heads["metric"] == metric_id] if not inp.heads.empty else inp.heads
    blocks = []
    for target in inp.targets_of.get(metric_id, []):
        if not inp.in_scope(target.year):
            continue
        for ind_id in [metric_id, *[p.id for p in inp.proxies.get(metric_id, [])]]:
            rows = rows_all[(rows_all["target"] == target.id) & (rows_all["indicator"] == ind_id)]
            if rows.empty:
                continue
            hrow = (
                heads[(heads["target"] == target.id) & (heads["indicator"] == ind_id)]
                if len(heads)
                else heads
            )
            blocks.append(target_block(inp, target, ind_id, rows, hrow))
    return blocks


def target_block(
    inp: Inputs, target: Target, ind_id: str, rows: pd.DataFrame, hrow: pd.DataFrame
) -> TargetBlock:
    """One target x indicator: each method's status with its reasons, and the headline."""
    fmt, plan = inp.fmt, inp.plan
    ind = plan.indicator(ind_id)
    first = rows.iloc[0]
    results = []
    for m in inp.methods:
        r = rows[rows["method"] == m]
        if not r.empty:
            code = str(r["status"].iloc[0])
            results.append(
                MethodResult(m, fmt._(METHODS[m].LABEL), status(fmt, code), _why(r.iloc[0], m, fmt))
            )
    head_code = str(hrow["status"].iloc[0]) if len(hrow) else "insufficient_data"
    return TargetBlock(
        id=target.id,
        text=describe_target(target, plan, inp.lang),
        year=int(target.year),
        ref=fmt.ref(target.ref),
        indicator_label=ind.labels.get(inp.lang) + (" " + fmt._("(proxy)") if ind.proxy_of else ""),
        proxy=bool(first["proxy"]),
        baseline=_dated(inp, ind, first["baseline_value"], first["baseline_year"]),
        latest=_dated(inp, ind, first["latest_value"], first["latest_period"]),
        target_level=fmt.num(first["target_value"]),
        headline=status(fmt, head_code),
        methods=results,
        latest_period="" if pd.isna(first["latest_period"]) else str(first["latest_period"]),
    )


def _dated(inp: Inputs, ind: Indicator, value: object, period: object) -> str:
    """'1.43 % (2019)': a figure with its unit and its period; '' when there is none."""
    if pd.isna(value):
        return ""
    when = int(period) if isinstance(period, float) else period
    return f"{value_text(inp.fmt.num(value), ind, inp.plan, inp.fmt)} ({when})"


def _why(r: pd.Series, method: str, fmt: Formatter) -> str:
    """Why a method gave its status: its key quantity (the method explains), years, notes."""
    from mic2025.present.verdicts import decided_by

    _ = fmt._
    parts = [METHODS[method].explain(r, fmt), decided_by(fmt, r)]
    if r.get("years_used"):
        parts.append(_("years used: {years}").format(years=r["years_used"]))
    parts.append(fmt.notes(r.get("note")))
    return _("; ").join(p for p in parts if p)
