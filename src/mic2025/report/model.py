"""The report's page model: plain objects, already selected, ordered and formatted.

``mic2025.report.context`` fills them; the templates only show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mic2025.present.formatter import Formatter as SharedFormatter

if TYPE_CHECKING:
    from mic2025.present.dashboard import DashboardGroup
    from mic2025.report.sectors import SectorMatrix
    from mic2025.report.summary import VerdictList


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
class MethodAnnex:
    """One method in the methodology annex: its own words, formulas and thresholds."""

    number: int
    label: str
    description: str
    explanation: str
    formulas: list[str]
    citation: str
    rules: list[tuple[Status, str]]


@dataclass
class GapRow:
    """One row of the data-gap register: why a target has no figure to judge it by."""

    indicator: str
    targets: str
    periods: str
    reason: str
    finding: str
    checked: str


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
    methods_annex: list[MethodAnnex] = field(default_factory=list)
    data_gaps: list[GapRow] = field(default_factory=list)
