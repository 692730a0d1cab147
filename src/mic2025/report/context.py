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
from typing import Any

import pandas as pd

from mic2025.evaluate.assessment import assess_store
from mic2025.evaluate.methods import METHODS
from mic2025.evaluate.status import STATUSES
from mic2025.languages import language
from mic2025.plan.model import Plan
from mic2025.present.areas import area_name
from mic2025.report import summary
from mic2025.report.annex import definitions, gap_rows, methods_annex, shown_indicators, source_rows
from mic2025.report.inputs import metric_ids, prepare, status
from mic2025.report.model import (
    DataLine,
    DefinitionRow,
    FigureRow,
    Formatter,
    GroupSection,
    IndicatorSection,
    MethodResult,
    ReportModel,
    SourceRow,
    Status,
    SummaryRow,
    TargetBlock,
)
from mic2025.report.projects import project_sections
from mic2025.report.sections import indicator_sections
from mic2025.report.sectors import sector_matrix
from mic2025.vocabulary import N_

__all__ = [  # the page model is defined in mic2025.report.model and re-exported here
    "DataLine", "DefinitionRow", "FigureRow", "Formatter", "GroupSection", "IndicatorSection",
    "MethodResult", "ReportModel", "SourceRow", "Status", "SummaryRow", "TargetBlock", "build_model",
    "gather",
]  # fmt: skip
TOTAL_SECTOR = "_T"


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
    inp = prepare(plan, observations, scorecard, sources, lang, milestone, as_of, area, generated, heads)
    fmt = inp.fmt
    sections = indicator_sections(inp, metric_ids(inp))
    shown = shown_indicators(inp, [s.id for s in sections])
    counts, counts_svg = summary.status_counts(inp)
    heads_in_scope = summary.national_heads(inp)
    card_in_scope = inp.card[inp.card["target_year"].map(inp.in_scope).astype(bool)]
    on = as_of or generated or dt.date.today()
    return ReportModel(
        lang=lang,
        font_stack=language(lang).font_stack,
        title=fmt._(TITLES.get(milestone, TITLES[None])),
        plan_title=plan.title.get(lang),
        issuer=plan.issuer.get(lang),
        document=plan.document.get(lang),
        area=area,
        milestone=milestone,
        as_of=as_of.isoformat() if as_of else "",
        generated=generated.isoformat() if generated else "",
        status_legend=[status(fmt, c) for c in STATUSES],
        counts=counts,
        counts_chart_svg=counts_svg,
        methods=inp.methods,
        method_names=[fmt._(METHODS[m].LABEL) for m in inp.methods],
        scorecard=_scorecard_rows(sections),
        dashboard=summary.report_dashboard(plan, heads_in_scope, card_in_scope, fmt, on, area),
        lists=summary.verdict_lists(plan, heads_in_scope, fmt),
        gaps=summary.largest_gaps(plan, heads_in_scope, card_in_scope, fmt),
        indicators=sections,
        projects=project_sections(inp),
        definitions=definitions(inp, shown),
        sources=source_rows(inp, shown),
        area_name=area_name(area, lang),
        data_cutoff=_latest_vintage(observations),
        sector_matrix=sector_matrix(plan, observations, area, fmt),
        methods_annex=methods_annex(fmt),
        data_gaps=gap_rows(inp, area=area),
    )


TITLES: dict[int | None, str] = {
    None: N_("Evaluation report"),
    2020: N_("Mid-term evaluation report (2020 targets)"),
    2025: N_("Final evaluation report (2025 targets)"),
}


def _scorecard_rows(sections: list[IndicatorSection]) -> list[SummaryRow]:
    """One scorecard row per target of the national series (proxies are not counted)."""
    return [
        SummaryRow(s.label, b.text, b.latest, b.headline, [m.status for m in b.methods], s.anchor)
        for s in sections
        for b in s.blocks
        if not b.proxy
    ]


def _latest_vintage(observations: pd.DataFrame) -> str:
    """The newest publication date among the figures read: the data cut-off of the report."""
    if observations.empty or "vintage" not in observations.columns:
        return ""
    vintages = pd.to_datetime(observations["vintage"], errors="coerce").dropna()
    return vintages.max().date().isoformat() if len(vintages) else ""
