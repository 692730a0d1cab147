"""Pydantic shapes of every API request and response, so /openapi.json is exact.

Numbers that may be missing are ``float | None`` (JSON has no NaN); dates are ISO
strings.  These models only carry what the store and the engines returned.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from mic2025.evaluate.status import STATUSES
from mic2025.languages import CODES


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would read ``0`` as 1970-01-01, a silent surprise."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date must be written YYYY-MM-DD")
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("a date must be written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Milestone(IntEnum):
    """The plan's two milestones: the mid-term (2020) and the final (2025) targets."""

    mid_term = 2020
    final = 2025


# closed lists derive from their one table (mic2025.languages, evaluate.status)
Lang = Literal[tuple(CODES)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(STATUSES)]  # type: ignore[valid-type]


class Problem(BaseModel):
    """One reason a request was refused: the row (header = row 1) and, for JSON rows,
    the 0-based position in ``rows``."""

    file: str | None = None
    row: int | None = None
    index: int | None = None
    column: str | None = None
    value: str | None = None
    reason: str


class ErrorBody(BaseModel):
    error: str
    problems: list[Problem] = Field(default_factory=list)
    allowed: dict[str, list[str]] | None = None


# -- plan ------------------------------------------------------------------------------
class Item(BaseModel):
    id: str
    number: int | None = None
    label: str
    description: str | None = None
    section: str


class StepOut(Item):
    year: int


class TargetOut(BaseModel):
    id: str
    metric: str
    kind: str
    value: float
    unit: str
    year: int
    base_year: int | None
    period_start: int | None
    approximate: bool
    text: str = Field(description="the target in words, in the requested language")


class ProjectOut(Item):
    task: str | None
    targets: list[TargetOut]


class PlanOut(BaseModel):
    id: str
    lang: Lang
    title: str
    issuer: str
    issued: dt.date
    document: str
    steps: list[StepOut]
    tasks: list[Item]
    projects: list[ProjectOut]
    sectors: list[Item]
    measures: list[Item]


class IndicatorOut(BaseModel):
    id: str
    label: str
    category: str
    unit: str
    unit_label: str
    direction: Literal["higher", "lower"]
    key: bool
    proxy_of: str | None
    project: str | None
    task: str | None
    upper_bound: float | None
    definition: str | None
    section: str
    baselines: dict[str, float]
    targets: list[TargetOut]


# -- figures ---------------------------------------------------------------------------
class ObservationOut(BaseModel):
    indicator: str
    area: str
    sector: str
    entity: str
    period: str
    value: float
    unit: str
    status: str
    source: str
    vintage: dt.date
    batch: str
    note: str | None = None
    std_error: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n_units: int | None = None


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")
    title: str = Field(min_length=1)
    publisher: str | None = None
    table: str | None = None
    url: str | None = None
    licence: str | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    note: str | None = None
    synthetic: bool = False


class SourceOut(BaseModel):
    id: str
    title: str
    publisher: str | None = None
    table: str | None = None
    url: str | None = None
    licence: str | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None
    note: str | None = None
    synthetic: bool | None = None


class SourcesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[SourceIn] = Field(min_length=1)


class SourcesAdded(BaseModel):
    added: list[str]
    already_known: list[str]


Review = Literal["pending", "approved", "rejected"]


class BatchOut(BaseModel):
    id: str
    origin: str
    sha256: str | None = None
    format: str | None = None
    source: str | None = None
    who: str | None = None
    loaded_at: AwareDatetime | None = Field(default=None, description="when it was written (UTC)")
    rows_read: int | None = None
    rows_added: int | None = None
    rows_unchanged: int | None = None
    review: Review = Field(default="approved", description="published only once approved")
    reviewed_by: str | None = None
    reviewed_at: AwareDatetime | None = None


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000, description="why, for the audit log")


class DecisionOut(BaseModel):
    batch: str
    review: Review
    reviewed_by: str
    reviewed_at: AwareDatetime
    rows: int


class AuditOut(BaseModel):
    id: str
    at: AwareDatetime
    actor: str
    action: str
    target: str | None = None
    detail: str | None = None


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")
    scopes: list[str] = Field(min_length=1, max_length=100)
    expires_at: AwareDatetime | IsoDate | None = Field(
        default=None, description="end of validity (a date means its start, UTC); none = no expiry"
    )


class TokenOut(BaseModel):
    name: str
    scopes: list[str]
    created_at: AwareDatetime | None = None
    expires_at: AwareDatetime | None = None
    revoked: bool
    expired: bool
    active: bool


class TokenIssued(BaseModel):
    name: str
    scopes: list[str]
    expires_at: AwareDatetime | None = None
    token: str = Field(description="the secret: shown this once, store it now")


class TokenRevoked(BaseModel):
    name: str
    revoked: int = Field(description="how many active tokens of this holder were revoked")


class Health(BaseModel):
    status: Literal["ok"]


class ApiRoute(BaseModel):
    path: str
    methods: list[str]
    summary: str
    token: bool = Field(description="whether the route needs a token")


class ApiIndex(BaseModel):
    """``GET /api``: where the machine-readable description is, and every route."""

    title: str
    openapi: str
    documentation: str
    routes: list[ApiRoute]


class ObservationIn(BaseModel):
    """One figure to write; omitted columns take the request's or the plan's defaults."""

    model_config = ConfigDict(extra="forbid")

    indicator: str
    area: str
    period: str
    value: float
    sector: str | None = None
    entity: str | None = None
    unit: str | None = None
    status: str | None = None
    source: str | None = None
    vintage: IsoDate | None = None
    note: str | None = None
    std_error: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n_units: int | None = None


class ObservationsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[ObservationIn] = Field(min_length=1, max_length=100_000)
    source: str | None = Field(default=None, description="source id for rows that name none")
    vintage: IsoDate | None = Field(default=None, description="vintage for rows that name none")


class BatchResultOut(BaseModel):
    batch: str
    rows_read: int
    rows_added: int
    rows_unchanged: int
    already_loaded: bool
    who: str
    review: Review = Field(description="pending until a reviewer approves it; published once approved")
    warnings: list[str] = Field(default_factory=list)


# -- evaluation ------------------------------------------------------------------------
class HeadlineRow(BaseModel):
    """One target's verdict and what it rests on (docs/methodology.md, "Verdicts")."""

    target: str
    target_text: str
    indicator: str
    indicator_label: str
    category: str | None
    project: str | None
    area: str
    sector: str
    proxy: bool
    status: StatusCode
    status_symbol: str
    status_label: str
    final: bool = Field(description="judged on the figure for the target year (the deadline has passed)")
    provisional: bool = Field(description="that figure covers only part of the year")
    verdict: str = Field(description="the verdict in words, with the figures it follows from")
    evidence: str = Field(description="what the verdict rests on, in words")
    decided_by: str
    methods: dict[str, StatusCode] = Field(
        description="each method's own status (estimates after a deadline)"
    )
    unit: str
    baseline_year: int | None
    baseline_value: float | None
    target_year: int
    target_value: float | None
    evidence_period: str | None
    evidence_value: float | None
    evidence_qualifier: str | None
    evidence_source: str | None
    evidence_grade: str | None
    weak_source: bool
    lag_years: float | None
    n_points: int
    share_travelled: float | None
    momentum: str
    gap: float | None
    note: str


class RollupRow(BaseModel):
    dimension: str
    group: str
    group_label: str
    counts: dict[str, int]
    total: int
    note: str


class EvaluationOut(BaseModel):
    lang: Lang
    as_of: dt.date | None
    evaluated_on: dt.date = Field(description="the date that decided which deadlines have passed")
    milestone: int | None
    area: str
    counts: dict[str, int] = Field(
        description="verdicts of the targets (proxies left out), as every output counts"
    )
    headline: list[HeadlineRow]
    rollup: list[RollupRow]


# -- index -----------------------------------------------------------------------------
class IndexScore(BaseModel):
    country: str
    year: int
    score: float | None
    rank: float | None
    tier: str | None
    coverage: float | None
    n_indicators: int | None
    n_imputed: int | None
    dimensions: dict[str, float | None]


class IndexOut(BaseModel):
    spec: str
    name: str
    sources: dict[str, str]
    departures: list[str]
    weights: list[dict[str, str | float | None]]
    scores: list[IndexScore]
    steps: list[dict[str, str | float | int | bool | None]]
