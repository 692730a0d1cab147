"""Compute a composite index from a spec: the single-configuration pipeline.

Order of operations (fixed, documented in docs/index.md): derive indicators → impute →
transform → normalise (direction applied) → weight → aggregate indicators into
dimensions → aggregate dimensions into the index → rank per year → tiers and steps.
The same stage functions are reused by the Monte Carlo so that its nominal replication
reproduces :func:`compute_index` exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from mic2025.index import aggregate as agg
from mic2025.index import impute as imp
from mic2025.index import normalise as nrm
from mic2025.index import transform as trf
from mic2025.index import weights as wts
from mic2025.index.panel import SERIES, Panel, build_panel
from mic2025.index.reference import StepsReading
from mic2025.index.spec import IndexSpec, load_spec


@dataclass(frozen=True)
class Choices:
    """One configuration of the methodological choices ("spec" = per-indicator spec value)."""

    imputation: str
    transform: str
    normalisation: str
    indicator_weights: str
    dimension_weights: str
    aggregation_indicator: str
    aggregation_dimension: str

    @property
    def positive(self) -> bool:
        """Geometric/harmonic anywhere → use the positive form of normalised values."""
        return self.aggregation_indicator != "arithmetic" or (self.aggregation_dimension != "arithmetic")


def nominal_choices(spec: IndexSpec) -> Choices:
    """The spec's own configuration."""
    a = spec.aggregation
    return Choices(
        "spec",
        "spec",
        spec.normalisation.method,
        a.indicator_weights,
        a.dimension_weights,
        a.indicator_level,
        a.dimension_level,
    )


# ---------------------------------------------------------------- stage functions
def impute_and_transform(
    panel: Panel, spec: IndexSpec, imputation: str = "spec", transform: str = "spec"
) -> tuple[np.ndarray, np.ndarray]:
    """Impute then transform every indicator; returns ``(values, imputed_mask)``."""
    x = np.empty_like(panel.values)
    flags = np.zeros(panel.values.shape, dtype=bool)
    group = None
    if spec.defaults.imputation_group:
        group = np.isin(panel.countries, spec.defaults.imputation_group)
    for k, ind in enumerate(spec.indicators):
        im = spec.imputation_of(ind) if imputation == "spec" else imputation
        tr = spec.transform_of(ind) if transform == "spec" else transform
        filled, flags[:, :, k] = imp.apply(panel.values[:, :, k], im, group)
        x[:, :, k] = trf.apply(filled, tr, spec.defaults.winsor_limits)
    return x, flags


def normalise_all(x: np.ndarray, panel: Panel, spec: IndexSpec, method: str) -> np.ndarray:
    """Normalise each indicator with ``method``; direction taken from the spec."""
    z = np.empty_like(x)
    scope = spec.normalisation.scope
    bench = benchmark_values(x, panel, spec) if method == "benchmark" else None
    if method not in nrm.NORMALISERS:
        raise ValueError(f"unknown normalisation {method!r}")
    scale = nrm.NORMALISERS[method].scale
    for k, ind in enumerate(spec.indicators):
        column = nrm.Column(
            higher=ind.direction == "higher",
            scope=scope,
            goalposts=tuple(ind.goalposts) if ind.goalposts is not None else None,  # type: ignore[arg-type]
            benchmark=float(bench[k]) if bench is not None else None,
        )
        z[:, :, k] = scale(x[:, :, k], column)
    return z


def benchmark_values(x: np.ndarray, panel: Panel, spec: IndexSpec) -> np.ndarray:
    """Per indicator: mean of the benchmark economies in the benchmark year (from data)."""
    b = spec.index.benchmark
    if b is None:
        raise ValueError("spec has no [index.benchmark]")
    if b.year not in panel.years:
        raise ValueError(f"benchmark year {b.year} outside the panel's years")
    rows = np.isin(panel.countries, b.countries)
    t = panel.years.index(b.year)
    return np.array([nrm.benchmark_value(x[:, :, k], rows, t) for k in range(x.shape[2])])


def dimension_index(spec: IndexSpec) -> list[np.ndarray]:
    """Indicator column indices of each dimension, in spec order."""
    return [
        np.array([k for k, i in enumerate(spec.indicators) if i.dimension == d]) for d in spec.dimension_ids
    ]


def indicator_weights(spec: IndexSpec, v: np.ndarray, scheme: str) -> np.ndarray:
    """Weights over all indicators; each dimension's block sums to one."""
    w = np.zeros(len(spec.indicators))
    spec_w = np.array([i.weight for i in spec.indicators])
    for idx in dimension_index(spec):
        w[idx] = wts.scheme(scheme, v[:, :, idx], spec_w[idx])
    return w


def dimension_scores(
    spec: IndexSpec, v: np.ndarray, w_ind: np.ndarray, method: str
) -> tuple[np.ndarray, np.ndarray]:
    """``(scores[c, t, d], coverage[c, t, d])`` for one indicator weight vector."""
    out, cov = [], []
    for idx in dimension_index(spec):
        s, c = agg.aggregate(v[:, :, idx], w_ind[idx], method, spec.aggregation.min_coverage)
        out.append(s)
        cov.append(c)
    return np.stack(out, axis=-1), np.stack(cov, axis=-1)


def dimension_weights(spec: IndexSpec, dims: np.ndarray, scheme: str) -> np.ndarray:
    return wts.scheme(scheme, dims, np.array([d.weight for d in spec.dimensions]))


def rank_desc(scores: np.ndarray, axis: int = 0) -> np.ndarray:
    """Competition ranks (1 = best, ties share the better rank); NaN scores get NaN.

    Rank = 1 + number of countries with a strictly higher score.  Done by one sort along
    the country axis so that it vectorises over any leading replication axis.
    """
    s = np.moveaxis(np.asarray(scores, dtype=float), axis, -1)
    neg = -s
    order = np.argsort(neg, axis=-1, kind="stable")  # NaN last
    v = np.take_along_axis(neg, order, axis=-1)
    pos = np.arange(s.shape[-1])
    new_run = np.ones(v.shape, dtype=bool)
    new_run[..., 1:] = v[..., 1:] != v[..., :-1]
    start = np.maximum.accumulate(np.where(new_run, pos, 0), axis=-1)
    r = np.empty(s.shape)
    np.put_along_axis(r, order, start + 1.0, axis=-1)
    r[np.isnan(s)] = np.nan
    return np.moveaxis(r, -1, axis)


@dataclass
class PanelScores:
    """Arrays of one configuration (used internally and by the Monte Carlo loop)."""

    values: np.ndarray
    imputed: np.ndarray
    normalised: np.ndarray
    w_ind: np.ndarray
    w_dim: np.ndarray
    dims: np.ndarray
    dim_cov: np.ndarray
    score: np.ndarray
    coverage: np.ndarray


def score_panel(
    panel: Panel,
    spec: IndexSpec,
    choices: Choices,
    mult_ind: np.ndarray | None = None,
    mult_dim: np.ndarray | None = None,
) -> PanelScores:
    """Run the whole pipeline for one configuration.

    ``mult_ind`` / ``mult_dim`` multiply the weights (Monte Carlo perturbations).  Data-
    driven weights are estimated on the unperturbed configuration, then multiplied.
    """
    x, flags = impute_and_transform(panel, spec, choices.imputation, choices.transform)
    z = normalise_all(x, panel, spec, choices.normalisation)
    if choices.positive:
        z = nrm.to_positive(z, choices.normalisation, spec.normalisation.floor)
    w_ind = indicator_weights(spec, z, choices.indicator_weights)
    d0, _ = dimension_scores(spec, z, w_ind, choices.aggregation_indicator)
    w_dim = dimension_weights(spec, d0, choices.dimension_weights)
    if mult_ind is not None:
        w_ind = w_ind * mult_ind
    if mult_dim is not None:
        w_dim = w_dim * mult_dim
    dims, dcov = dimension_scores(spec, z, w_ind, choices.aggregation_indicator)
    score, _ = agg.aggregate(dims, w_dim, choices.aggregation_dimension, min_coverage=1.0)
    score[np.isnan(dims).any(axis=-1)] = np.nan  # every dimension must be scored
    # overall coverage: share of total (final) indicator weight actually present
    eff = np.zeros(len(spec.indicators))
    for d, idx in enumerate(dimension_index(spec)):
        block = w_ind[idx]
        eff[idx] = w_dim[d] / w_dim.sum() * block / block.sum() if block.sum() > 0 else 0
    coverage = (~np.isnan(z) * eff).sum(axis=-1)
    return PanelScores(x, flags, z, w_ind, w_dim, dims, dcov, score, coverage)


# ---------------------------------------------------------------- public result
@dataclass
class IndexResult:
    """Scores, ranks, dimension scores, tiers, imputation flags and provenance."""

    spec: IndexSpec
    choices: Choices
    scores: pd.DataFrame
    dimensions: pd.DataFrame
    indicators: pd.DataFrame
    weights: pd.DataFrame
    steps: pd.DataFrame
    sources: dict[str, str] = field(default_factory=dict)
    steps_reading: StepsReading | None = None
    """Whether ``steps`` may be stated (the index reproduces a published ranking); when
    not, ``steps`` is empty and ``steps_unsupported`` keeps the raw reading for analysts."""
    steps_unsupported: pd.DataFrame = field(default_factory=pd.DataFrame)

    def ranking(self, year: int) -> pd.DataFrame:
        """Scored countries of one year, best first."""
        s = self.scores[(self.scores["year"] == year) & self.scores["score"].notna()]
        return s.sort_values("rank")


def tier_of(spec: IndexSpec, score: float, method: str) -> str | None:
    """Tier name for a score; tiers are defined on the benchmark scale only."""
    if not spec.tiers or method != "benchmark" or np.isnan(score):
        return None
    for t in spec.tiers:
        if t.min is None or score >= t.min:
            return t.name
    return None


def source_note(spec: IndexSpec, panel: Panel) -> dict[str, str]:
    """Indicator → provenance, plus the bundle's SOURCES.md reference."""
    note = dict(panel.sources)
    ids = [i.series for i in spec.indicators] + [i.per for i in spec.indicators if i.per]
    files = sorted({SERIES[s].file for s in ids if s in SERIES})
    if not files:
        note["_files"] = "caller-supplied panel (not the bundled data)"
        return note
    note["_files"] = "data/international/" + ", ".join(files) + " (see SOURCES.md)"
    return note


def compute_index(
    spec: IndexSpec | str,
    panel: Panel | None = None,
    years: list[int] | None = None,
    choices: Choices | None = None,
) -> IndexResult:
    """Compute the index for every country-year of the panel (default: bundled data).

    ``years`` only filters the output; normalisation and data-driven weights always use
    the spec's full panel so a score does not depend on which years were printed.
    """
    spec = load_spec(spec)
    panel = build_panel(spec) if panel is None else panel
    choices = choices or nominal_choices(spec)
    ev = score_panel(panel, spec, choices)
    scores = score_table(panel, spec, choices, ev)
    tables = {
        "scores": scores,
        "dims": dimension_table(spec, scores, ev),
        "ind": indicator_table(panel, ev),
    }
    if years is not None:
        keep = set(years)
        tables = {k: t[t["year"].isin(keep)].reset_index(drop=True) for k, t in tables.items()}
    result = IndexResult(
        spec,
        choices,
        tables["scores"],
        tables["dims"],
        tables["ind"],
        weight_table(spec, ev),
        pd.DataFrame(),
        source_note(spec, panel),
    )
    attach_steps(result, scores)
    return result


def score_table(panel: Panel, spec: IndexSpec, choices: Choices, ev: PanelScores) -> pd.DataFrame:
    """One row per country-year: score, rank, coverage, indicator counts and tier."""
    C, T = ev.score.shape
    cc, tt = np.meshgrid(np.arange(C), np.arange(T), indexing="ij")
    scores = pd.DataFrame(
        {
            "country": np.asarray(panel.countries, dtype=object)[cc.ravel()],
            "year": np.asarray(panel.years)[tt.ravel()],
            "score": ev.score.ravel(),
            "rank": rank_desc(ev.score, axis=0).ravel(),
            "coverage": ev.coverage.ravel(),
            "n_indicators": (~np.isnan(ev.normalised)).sum(axis=-1).ravel(),
            "n_imputed": ev.imputed.sum(axis=-1).ravel(),
        }
    )
    scores["enough_data"] = scores["score"].notna()
    scores["tier"] = [tier_of(spec, s, choices.normalisation) for s in scores["score"]]
    return scores


def dimension_table(spec: IndexSpec, scores: pd.DataFrame, ev: PanelScores) -> pd.DataFrame:
    """One row per country-year-dimension, in the order of ``scores``."""
    n = len(spec.dimensions)
    return pd.DataFrame(
        {
            "country": np.repeat(scores["country"].to_numpy(), n),
            "year": np.repeat(scores["year"].to_numpy(), n),
            "dimension": np.tile(spec.dimension_ids, len(scores)),
            "score": ev.dims.ravel(),
            "coverage": ev.dim_cov.ravel(),
        }
    )


def indicator_table(panel: Panel, ev: PanelScores) -> pd.DataFrame:
    """Raw, transformed and normalised value of every indicator, with imputation flags."""
    ind_long = panel.to_long().rename(columns={"value": "raw"})
    ind_long["value"] = ev.values.ravel()
    ind_long["normalised"] = ev.normalised.ravel()
    ind_long["imputed"] = ev.imputed.ravel()
    return ind_long


def weight_table(spec: IndexSpec, ev: PanelScores) -> pd.DataFrame:
    """Final indicator weights and dimension weights (the latter summing to one)."""
    return pd.DataFrame(
        {
            "level": ["indicator"] * len(spec.indicators) + ["dimension"] * len(spec.dimensions),
            "id": spec.indicator_ids + spec.dimension_ids,
            "weight": np.concatenate([ev.w_ind, ev.w_dim / ev.w_dim.sum()]),
        }
    )


def attach_steps(result: IndexResult, all_scores: pd.DataFrame) -> None:
    """Read the three steps, stated only if the index reproduces a published ranking.

    The reference check is judged on every computed year, not only the printed ones.
    """
    from mic2025.index.reference import steps_reading
    from mic2025.index.steps import read_steps

    raw_steps = read_steps(result.spec, result.scores)
    result.steps_reading = steps_reading(result.spec.index.reference, all_scores)
    if result.steps_reading.supported:
        result.steps = raw_steps
    else:
        result.steps_unsupported = raw_steps


def with_choices(spec: IndexSpec, **kw: str) -> Choices:
    """Nominal choices with some fields replaced (convenience for callers and tests)."""
    return replace(nominal_choices(spec), **kw)
