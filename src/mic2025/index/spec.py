"""Index specification: pydantic model of a composite-index TOML file and its loader.

A spec fixes every methodological choice (transformation, imputation, normalisation,
weights, aggregation) so that a published score can be reproduced, and lists the
alternatives the Monte Carlo analysis may switch between.  Validation errors name the
offending field *and* the line of the TOML file, because specs are written by hand.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mic2025.index.normalise import NORMALISERS

Direction = Literal["higher", "lower"]
Transform = Literal["none", "log", "winsorise"]
Imputation = Literal["none", "latest", "linear", "group_mean"]
Normalisation = Literal[tuple(NORMALISERS)]  # type: ignore[valid-type]  # one entry per method
Weighting = Literal["equal", "explicit", "pca", "entropy"]
Aggregation = Literal["arithmetic", "geometric", "harmonic"]
Scope = Literal["pooled", "year"]

from mic2025.index.builtins import BUILTIN_SPECS, SPECS_DIR  # noqa: E402  (re-exported)


class SpecError(ValueError):
    """Raised when a spec cannot be parsed or validated; message names field and line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Benchmark(_Strict):
    """Reference group and year for "distance to benchmark" normalisation (CAE style)."""

    countries: list[str] = Field(min_length=1)
    year: int


class IndexInfo(_Strict):
    id: str
    name: str
    description: str = ""
    modelled_on: str = ""
    countries: list[str] = Field(min_length=2, description="economies ranked (no aggregates)")
    world: str = "WLD"
    years: tuple[int, int] | None = None
    benchmark: Benchmark | None = None
    reference: str | None = Field(
        None,
        description="published ranking the index must reproduce before its steps reading is stated "
        "(a file of data/international, e.g. unido_cip_ranks)",
    )


class Indicator(_Strict):
    """One indicator: which bundled series it is derived from and how it is treated."""

    id: str
    name: str
    dimension: str
    series: str
    per: str | None = Field(None, description="divide by this series (same country, year)")
    per_world: bool = Field(False, description="divide by the world value of `series`")
    scale: float = Field(1.0, gt=0, description="multiply the derived ratio (units only)")
    direction: Direction = "higher"
    weight: float = Field(1.0, ge=0)
    transform: Transform | None = None
    imputation: Imputation | None = None
    goalposts: tuple[float, float] | None = None
    original: str = Field("", description="indicator of the real index this stands in for")

    @model_validator(mode="after")
    def _check(self) -> Indicator:
        if self.per is not None and self.per_world:
            raise ValueError("use either `per` or `per_world`, not both")
        if self.goalposts is not None and self.goalposts[0] >= self.goalposts[1]:
            raise ValueError("goalposts must be [low, high] with low < high")
        return self


class Dimension(_Strict):
    id: str
    name: str
    weight: float = Field(1.0, ge=0)


class Defaults(_Strict):
    transform: Transform = "none"
    imputation: Imputation = "none"
    winsor_limits: tuple[float, float] = (0.05, 0.95)
    imputation_group: list[str] | None = Field(
        None, description="countries whose mean fills a gap (group_mean); default all"
    )


class NormalisationSpec(_Strict):
    method: Normalisation
    scope: Scope = "pooled"
    floor: float = Field(
        0.01, gt=0, lt=1, description="lower end of the positive form used by geometric/harmonic"
    )


class AggregationSpec(_Strict):
    indicator_weights: Weighting = "explicit"
    dimension_weights: Weighting = "explicit"
    indicator_level: Aggregation = "arithmetic"
    dimension_level: Aggregation = "arithmetic"
    min_coverage: float = Field(
        0.5, gt=0, le=1, description="share of a dimension's indicator weight that must be present"
    )


class Tier(_Strict):
    name: str
    min: float | None = Field(None, description="score >= min (None: lowest tier)")


class Milestone(_Strict):
    year: int
    label: str
    max_rank_in_group: int = Field(ge=1)


class Steps(_Strict):
    country: str = "CHN"
    group: list[str] = Field(min_length=1)
    milestones: list[Milestone] = Field(min_length=1)


class UncertaintySpec(_Strict):
    """Alternatives the Monte Carlo may pick; "spec" means keep the spec's own choice."""

    imputation: list[Imputation | Literal["spec"]] = ["spec"]
    transform: list[Transform | Literal["spec"]] = ["spec"]
    normalisation: list[Normalisation] = Field(min_length=1)
    weighting: list[Weighting] = Field(min_length=1)
    aggregation_indicator: list[Aggregation] = Field(min_length=1)
    aggregation_dimension: list[Aggregation] = Field(min_length=1)
    weight_noise: float = Field(0.25, ge=0, lt=1, description="weights scaled by U(1-x, 1+x)")


class IndexSpec(_Strict):
    index: IndexInfo
    defaults: Defaults = Defaults()
    normalisation: NormalisationSpec
    aggregation: AggregationSpec = AggregationSpec()
    dimensions: list[Dimension] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    tiers: list[Tier] = []
    steps: Steps | None = None
    uncertainty: UncertaintySpec | None = None
    departures: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> IndexSpec:
        dims = [d.id for d in self.dimensions]
        if len(set(dims)) != len(dims):
            raise ValueError("dimension ids must be unique")
        ids = [i.id for i in self.indicators]
        if len(set(ids)) != len(ids):
            raise ValueError("indicator ids must be unique")
        for ind in self.indicators:
            if ind.dimension not in dims:
                raise ValueError(f"indicator {ind.id!r} names unknown dimension {ind.dimension!r}")
        empty = [d for d in dims if not any(i.dimension == d for i in self.indicators)]
        if empty:
            raise ValueError(f"dimensions without indicators: {empty}")
        methods = {self.normalisation.method}
        if self.uncertainty is not None:
            methods |= set(self.uncertainty.normalisation)
        if "goalposts" in methods:
            missing = [i.id for i in self.indicators if i.goalposts is None]
            if missing:
                raise ValueError(f"goalposts normalisation needs goalposts for {missing}")
        if "benchmark" in methods and self.index.benchmark is None:
            raise ValueError("benchmark normalisation needs [index.benchmark]")
        mins = [t.min for t in self.tiers]
        if mins and (mins[-1] is not None or any(m is None for m in mins[:-1])):
            raise ValueError("tiers: every tier but the last needs `min`; the last has none")
        if any(a is not None and b is not None and a <= b for a, b in itertools.pairwise(mins)):
            raise ValueError("tiers must be listed from highest to lowest threshold")
        return self

    # convenience -------------------------------------------------------------
    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    @property
    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def transform_of(self, ind: Indicator) -> Transform:
        return ind.transform or self.defaults.transform

    def imputation_of(self, ind: Indicator) -> Imputation:
        return ind.imputation or self.defaults.imputation


# --------------------------------------------------------------------------- loader
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def line_of(text: str, loc: tuple[object, ...]) -> int | None:
    """Best-effort 1-based line of a pydantic error location in TOML text.

    tomllib keeps no positions, so we walk the text: count ``[[array]]`` headers to find
    the addressed element, then look for the key inside that block.
    """
    path: list[tuple[str, int | None]] = []
    i = 0
    while i < len(loc):
        idx = loc[i + 1] if i + 1 < len(loc) and isinstance(loc[i + 1], int) else None
        path.append((str(loc[i]), idx))
        i += 2 if idx is not None else 1
    lines = text.splitlines()
    counts: dict[str, int] = {}
    table: list[tuple[str, int | None]] = []
    best, best_depth = None, -1

    def depth(cand: list[tuple[str, int | None]]) -> int:
        d = 0
        for (n1, i1), (n2, i2) in zip(cand, path, strict=False):
            if n1 != n2 or (i2 is not None and i1 != i2):
                break
            d += 1
        return d

    for no, raw in enumerate(lines, start=1):
        if h := _HEADER.match(raw):
            names = h.group(2).split(".")
            key = h.group(2)
            if h.group(1) == "[[":
                counts[key] = counts.get(key, -1) + 1
                table = [(n, None) for n in names[:-1]] + [(names[-1], counts[key])]
            else:
                table = [(n, None) for n in names]
            cand = table
        elif k := _KEY.match(raw):
            cand = [*table, (k.group(1), None)]
        else:
            continue
        dd = depth(cand)
        if dd > best_depth:
            best, best_depth = no, dd
    return best


def builtin_path(name: str) -> Path:
    """Path of a built-in spec shipped in ``mic2025/index/specs``."""
    return SPECS_DIR / f"{name}.toml"


def load_spec(source: str | Path | IndexSpec) -> IndexSpec:
    """Load a spec from a path or a built-in name (``cae_mpdi``, ``unido_cip``)."""
    if isinstance(source, IndexSpec):
        return source
    path = Path(source)
    if not path.exists() and str(source) in BUILTIN_SPECS:
        path = builtin_path(str(source))
    if not path.exists():
        raise SpecError(f"spec {source!s}: no such file and not a built-in ({BUILTIN_SPECS})")
    return parse_spec(path.read_text(encoding="utf-8"), origin=str(path))


def parse_spec(text: str, origin: str = "<string>") -> IndexSpec:
    """Parse TOML text into an :class:`IndexSpec`, with field- and line-naming errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # message already carries line and column
        raise SpecError(f"{origin}: invalid TOML: {exc}") from exc
    try:
        return IndexSpec.model_validate(data)
    except ValidationError as exc:
        msgs = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            field = ".".join(str(p) for p in loc) or "(top level)"
            line = line_of(text, loc) if loc else None
            where = f"line {line}" if line else "line ?"
            msgs.append(f"{origin}:{where}: field {field}: {err['msg']}")
        raise SpecError("invalid index spec:\n  " + "\n  ".join(msgs)) from exc
