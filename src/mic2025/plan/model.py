"""Typed model of an industrial strategy such as *Made in China 2025*.

The model is the contract between the plan file and every other part of mic2025:
the store checks indicator ids and units against it, the evaluation engine turns its
targets into target paths, and the publication layers read its labels.  A province's
implementation plan uses the same schema, so everything downstream works for it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from mic2025.languages import CODES, DEFAULT
from mic2025.languages import TABLE as LANGUAGE_TABLE

LANGUAGES: tuple[str, ...] = CODES
"""Languages every built-in label is written in (``mic2025.languages``); English is the
per-string fallback."""

Language = Literal[tuple(CODES)]  # type: ignore[valid-type]

TargetKind = Literal[
    "level",  # reach a value in a year (broadband penetration 70 % in 2020)
    "change_from_base",  # relative change from a base year, in % (energy intensity -18 % vs 2015)
    "pp_change",  # percentage-point change from a base year (value-added rate +2 pp vs 2015)
    "average_annual_growth",  # mean yearly growth over a plan period (productivity ~7.5 %/yr)
    "count",  # number of units reached (about 15 innovation centres)
    "share",  # share of a population of units (40 % of core components self-assured)
]

Direction = Literal["higher", "lower"]

Comparator = Literal["=", ">=", ">", "~", "<=", "<"]
"""How a stated value is meant: reach it (``=``, the default, read in the indicator's
direction), at least / more than it, about it, at most / less than it.  The strategy's
texts say 以上, 超过, 左右, 以内 and so on; observations carry the same codes as
``qualifier`` when a published figure is a bound ("超1.6%")."""

Periodicity = Literal["annual", "quarterly", "monthly", "irregular", "once"]


class _Strict(BaseModel):
    """Base for plan elements: unknown fields are errors so typos in a plan file surface."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


class _LabelsBase(_Strict):
    """One text in every language; only English is required (fallback per string).

    The fields are made from the language table (``mic2025.languages``): one per
    language, named by its code (``zh-Hans``) in plan files.
    """

    def get(self, lang: str = DEFAULT) -> str:
        """The text in ``lang``, falling back to English when that language is missing."""
        value = getattr(self, lang.replace("-", "_"), None)
        return value or getattr(self, DEFAULT)

    def missing_languages(self) -> list[str]:
        """Languages with no text of their own (they fall back to English)."""
        return [lang for lang in LANGUAGES if not getattr(self, lang.replace("-", "_"))]


Labels = create_model(  # type: ignore[call-overload]
    "Labels",
    __base__=_LabelsBase,
    __module__=__name__,
    **{
        lang.field: (str, Field(min_length=1, alias=lang.code))
        if lang.code == DEFAULT
        else (str | None, Field(default=None, alias=lang.code))
        for lang in LANGUAGE_TABLE
    },
)


class DocRef(_Strict):
    """Where an element stands in the strategy document, so every figure can be traced.

    ``section`` follows the Chinese original's numbering, e.g. ``"2.3"`` for the key
    indicator table under part two, ``"3.1"`` for the first strategic task; ``box`` is
    the number of the 专栏 (box) for major projects; ``note`` names a table footnote.
    """

    section: str = Field(min_length=1)
    box: int | None = None
    note: str | None = None


class Quote(_Strict):
    """The words of a source document an element was read from, with character offsets.

    Written by ``mic2025 plan extract`` so a reviewer can check every draft target
    against the sentence it came from; ``start``/``end`` index the document's text.
    """

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    document: str | None = None


class Element(_Strict):
    """Anything in the plan that has an id, labels and a place in the document.

    ``draft`` marks an element that a person still has to review (extracted plans).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    labels: Labels
    ref: DocRef
    description: Labels | None = None
    draft: bool = False


class Step(Element):
    """One of the strategy's three steps (2025, 2035, 2049)."""

    number: int
    year: int


class SubItem(Element):
    """A sub-item of a task, sector or measure (e.g. a key direction of a task)."""


class Task(Element):
    """One of the nine strategic tasks, with its sub-items."""

    number: int
    items: list[SubItem] = Field(default_factory=list)


class Sector(Element):
    """A priority sector, its sub-sectors and GB/T 4754-2017 industry codes where they exist."""

    number: int
    subsectors: list[SubItem] = Field(default_factory=list)
    gbt4754: list[str] = Field(default_factory=list)


class Measure(Element):
    """One of the support measures (policy instruments)."""

    number: int
    items: list[SubItem] = Field(default_factory=list)


class Target(_Strict):
    """A machine-readable target: what value of which metric by when.

    ``value`` is in the target's own terms: for ``change_from_base`` it is the signed
    percentage change from ``base_year`` (-18 means down 18 %); for ``pp_change`` the
    signed change in percentage points; for ``average_annual_growth`` the mean yearly
    growth in percent over ``period_start``..``year``; otherwise a level in ``unit``.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    metric: str
    kind: TargetKind
    value: float
    unit: str
    year: int
    base_year: int | None = None
    period_start: int | None = None
    approximate: bool = False
    comparator: Comparator = "="
    labels: Labels | None = None
    ref: DocRef
    quote: Quote | None = None
    draft: bool = False

    @model_validator(mode="before")
    @classmethod
    def _approximate_is_about(cls, data: object) -> object:
        """``approximate = true`` (older plan files) and ``comparator = "~"`` say the same."""
        if isinstance(data, dict):
            data = dict(data)
            if data.get("approximate") and data.get("comparator") in (None, "="):
                data["comparator"] = "~"
            if data.get("comparator") == "~":
                data["approximate"] = True
        return data

    @model_validator(mode="after")
    def _kind_needs_its_years(self) -> Target:
        if self.kind in ("change_from_base", "pp_change") and self.base_year is None:
            raise ValueError(f"target {self.id}: kind {self.kind} needs base_year")
        if self.kind == "average_annual_growth" and self.period_start is None:
            raise ValueError(f"target {self.id}: kind average_annual_growth needs period_start")
        return self


class Project(Element):
    """A major project (工程) with its numeric targets for 2020 and 2025."""

    number: int
    task: str | None = Field(default=None, description="id of the strategic task it serves")
    targets: list[Target] = Field(default_factory=list)


IndicatorCategory = Literal[
    "innovation", "quality_efficiency", "informatisation", "green", "project", "context"
]


class Indicator(Element):
    """A monitored quantity: a key indicator of the table, a project metric or a proxy.

    ``baselines`` holds the document's own values by year (2013, 2015).  ``proxy_of``
    marks an indicator whose scope differs from the strategy's definition (industry-wide
    instead of manufacturing, a city subset...): it is shown as a proxy everywhere.
    ``upper_bound`` is the natural limit (100 for a percentage of units), used by the
    evaluation's natural-limit handling.  ``comparable`` says a proxy's level can be read
    against its parent's targets (same measure, slightly different coverage); a proxy
    of another scope or definition is shown for context and never judged.  ``task``
    names the strategic task the indicator measures (project indicators inherit their
    project's task), for roll-ups by task.

    Metadata for readers (the report's and dashboard's metadata block): ``definition``
    (from the strategy's footnotes where it gives one), ``scope`` (id of a plan scope:
    which units the figure covers; a figure of another scope belongs to a proxy),
    ``agency`` (who compiles it), ``periodicity`` and ``counter`` (the measure word a
    count takes in each language: 家, か所, 개).
    """

    category: IndicatorCategory
    unit: str
    direction: Direction
    key: bool = False
    formula: Labels | None = None
    definition: Labels | None = None
    scope: str | None = None
    agency: Labels | None = None
    periodicity: Periodicity | None = None
    counter: Labels | None = None
    baselines: dict[int, float] = Field(default_factory=dict)
    targets: list[Target] = Field(default_factory=list)
    proxy_of: str | None = None
    comparable: bool = False
    project: str | None = None
    task: str | None = None
    upper_bound: float | None = None


class Unit(_Strict):
    """A unit code observations are checked against.

    ``kind`` gives the unit's natural range, which ingestion enforces: a ``share`` lies
    in 0..100, a ``count`` is a non-negative whole number, a ``level`` (an index, an
    intensity, an amount) is non-negative, a ``change`` (growth rate, percentage-point
    change) may take any sign.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    labels: Labels
    kind: Literal["share", "count", "level", "change"] = "level"
    after_number: Labels | None = Field(
        default=None, description="words written after a number when the label reads badly there"
    )


class Scope(_Strict):
    """Which units a figure covers ("manufacturing enterprises above designated size").

    A key indicator's series takes only figures of its own scope; a figure of another
    scope goes to a proxy indicator of that scope (``data/SOURCES.md``, scope rule).
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    labels: Labels


class Plan(_Strict):
    """A whole strategy: steps, principles, tasks, projects, sectors, measures, indicators."""

    id: str
    title: Labels
    issuer: Labels
    issued: date
    document: Labels = Field(description="Official document number, e.g. Guofa [2015] No. 28")
    steps: list[Step]
    principles: list[Element] = Field(default_factory=list)
    guiding_approaches: list[Element] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    sectors: list[Sector] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    scopes: list[Scope] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Plan:
        ids = [i.id for i in self.indicators]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"indicator ids appear more than once: {sorted(duplicates)}")
        known_units = {u.id for u in self.units}
        known_scopes = {s.id for s in self.scopes}
        known = set(ids)
        for ind in self.indicators:
            if ind.unit not in known_units:
                raise ValueError(f"indicator {ind.id}: unit {ind.unit!r} is not in units")
            if ind.scope is not None and ind.scope not in known_scopes:
                raise ValueError(f"indicator {ind.id}: scope {ind.scope!r} is not in scopes")
            if ind.comparable and ind.proxy_of is None:
                raise ValueError(f"indicator {ind.id}: comparable is only for proxies")
            if ind.proxy_of is not None and ind.proxy_of not in known:
                raise ValueError(f"indicator {ind.id}: proxy_of {ind.proxy_of!r} is unknown")
        tasks = {t.id for t in self.tasks}
        projects = {p.id for p in self.projects}
        for owner in [*self.indicators, *self.projects]:
            task = getattr(owner, "task", None)
            if task is not None and task not in tasks:
                raise ValueError(f"{owner.id}: task {task!r} is not a task of the plan")
        for ind in self.indicators:
            if ind.project is not None and ind.project not in projects:
                raise ValueError(f"indicator {ind.id}: project {ind.project!r} is unknown")
        for target, _owner in self.iter_targets():
            if target.metric not in known:
                raise ValueError(f"target {target.id}: metric {target.metric!r} is unknown")
        return self

    # -- look-ups -------------------------------------------------------------------
    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; KeyError naming it when absent."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(f"unknown indicator {indicator_id!r}")

    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def key_indicators(self) -> list[Indicator]:
        """The indicators of the strategy's key indicator table, in table order."""
        return [i for i in self.indicators if i.key]

    def iter_targets(self) -> Iterator[tuple[Target, Element]]:
        """Every target of the plan with the element (indicator or project) that states it."""
        for ind in self.indicators:
            for t in ind.targets:
                yield t, ind
        for project in self.projects:
            for t in project.targets:
                yield t, project

    def task_of(self, indicator_id: str) -> str | None:
        """The task an indicator serves: its own, else its project's, else its parent's."""
        ind = self.indicator(indicator_id)
        if ind.task is not None:
            return ind.task
        if ind.project is not None:
            for project in self.projects:
                if project.id == ind.project:
                    return project.task
        if ind.proxy_of is not None:
            return self.task_of(ind.proxy_of)
        return None

    def targets(self) -> list[Target]:
        return [t for t, _ in self.iter_targets()]

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id; KeyError naming it when absent."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(f"unknown unit {unit_id!r}")
