"""The micro-defined indicators of the strategy, each written once as Ibis expressions.

Every indicator is a ratio of weighted sums over a population of enterprises::

    value = scale * Σ_i w_i · num_i / Σ_i w_i · den_i      (i in population, in the cell)

which covers the document's three kinds of formula: a ratio of sums (R&D / revenue), a
weighted share (num = 1 if the enterprise uses digital design tools, den = 1) and a weighted
mean (num = CNC ratio, den = 1).  Writing each one as (population, numerator, denominator)
rather than as a finished ratio is what lets the engine compute sums once for the finest
cells and everything else (margins, jackknife replicates, disclosure checks) from those sums:
sums add up, ratios do not.

:func:`cell_sums` turns the whole indicator set into **one** grouped aggregation, so every
backend (DuckDB, PostgreSQL, Spark) scans the records exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ibis.expr.types as ir

from mic2025.microdata.schema import MANUFACTURING_DIVISIONS

Expr = Callable[[ir.Table], ir.Value]

DIMENSIONS: dict[str, str] = {"area": "province", "sector": "division", "size": "size_class"}
"""Breakdown names accepted by ``--by`` and the record column each one groups on."""

TOTALS: dict[str, str] = {"area": "CN", "sector": "_T", "size": "_T"}
"""Code of the margin (all values) of each breakdown."""

JK_GROUP = "jk_group"


@dataclass(frozen=True)
class MicroIndicator:
    """An indicator defined over enterprises: scale · Σ w·num / Σ w·den over a population."""

    id: str
    unit: str
    scale: float
    population: Expr  # boolean: which enterprises are in the indicator's population
    numerator: Expr
    denominator: Expr | None  # None: each enterprise counts 1 (a weighted share or mean)
    formula: str
    description: str


def _mfg_above_size(t: ir.Table) -> ir.BooleanValue:
    return t.above_designated_size


INDICATORS: tuple[MicroIndicator, ...] = (
    MicroIndicator(
        id="rd_intensity",
        unit="pct",
        scale=100.0,
        population=_mfg_above_size,
        numerator=lambda t: t.rd_expenditure,
        denominator=lambda t: t.revenue,
        formula="100 × Σ w·rd_expenditure / Σ w·revenue, manufacturing above designated size",
        description="R&D expenditure over main business revenue (ratio of sums)",
    ),
    MicroIndicator(
        id="invention_patents_intensity",
        unit="patents_per_100m_cny",
        # revenue is in 10k yuan, so revenue / 1e4 is in 100 million yuan
        scale=1e4,
        population=_mfg_above_size,
        numerator=lambda t: t.invention_patents.cast("float64"),
        denominator=lambda t: t.revenue,
        formula="Σ w·invention_patents / (Σ w·revenue / 10 000), manufacturing above "
        "designated size (revenue in 10k yuan)",
        description="Invention patents in force per 100 million yuan of main business revenue",
    ),
    MicroIndicator(
        id="digital_design_tools",
        unit="pct",
        scale=100.0,
        population=lambda t: t.digital_design_tools.notnull(),
        numerator=lambda t: t.digital_design_tools.ifelse(1.0, 0.0),
        denominator=None,
        formula="100 × Σ w·[uses digital R&D design tools] / Σ w, manufacturing enterprises that answered",
        description="Weighted share of enterprises using digital R&D design tools",
    ),
    MicroIndicator(
        id="cnc_ratio",
        unit="pct",
        scale=1.0,
        population=lambda t: t.cnc_ratio.notnull(),
        numerator=lambda t: t.cnc_ratio,
        denominator=None,
        formula="Σ w·cnc_ratio / Σ w, manufacturing enterprises with key processes",
        description="Weighted mean CNC ratio of key processes",
    ),
)

BY_ID: dict[str, MicroIndicator] = {i.id: i for i in INDICATORS}

SUMS: tuple[str, ...] = ("num", "den", "n", "sw", "max_num", "max_den")
"""Per indicator and cell: Σw·num, Σw·den, unit count, Σw, and the largest single w·num and
w·den (for the dominance rule).  All are re-aggregatable (sum or max) to any coarser cell."""


def sum_column(indicator: str, what: str) -> str:
    return f"{indicator}__{what}"


def jackknife_group(enterprise_id: ir.IntegerValue, groups: int, seed: int) -> ir.IntegerValue:
    """Random group of an enterprise for the delete-a-group jackknife, computed in the engine.

    A fixed affine permutation of residues modulo the prime 1 000 003 followed by ``mod
    groups``: plain integer arithmetic, so DuckDB, PostgreSQL and Spark put every enterprise
    in the same group (engine hash functions differ), and an enterprise keeps its group in
    every year, which keeps the panel's within-enterprise correlation inside one group.
    """
    p = 1_000_003
    a = 7_919 + 2 * (seed % 50_000)  # multiplier in [7919, 107917], never a multiple of p
    return (((enterprise_id % p) * a + seed % p) % p) % groups


def prepare(t: ir.Table, *, groups: int, seed: int) -> ir.Table:
    """Records restricted to manufacturing, with the grouping columns the aggregation needs."""
    division = t.industry.substr(0, 3)
    # validated codes are [A-T] + 2 digits, so this range is exactly divisions C13..C43
    first, last = MANUFACTURING_DIVISIONS[0], MANUFACTURING_DIVISIONS[-1]
    return t.filter(division.between(first, last)).mutate(
        division=division,
        **{JK_GROUP: jackknife_group(t.enterprise_id, groups, seed)},
    )


def cell_sums(
    t: ir.Table,
    by: Sequence[str],
    *,
    indicators: Sequence[MicroIndicator] = INDICATORS,
    groups: int = 20,
    seed: int = 2015,
) -> ir.Table:
    """One grouped aggregation giving every indicator's sums per finest cell and jackknife group.

    ``by`` holds breakdown names (keys of :data:`DIMENSIONS`); ``year`` is always a key.
    """
    unknown = [b for b in by if b not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown breakdown {unknown}: use {sorted(DIMENSIONS)} (year is implied)")
    t = prepare(t, groups=groups, seed=seed)
    w = t.weight
    aggs: dict[str, ir.Value] = {}
    seen: dict[object, str] = {}  # identical aggregates (shared populations) are computed once
    aliases: dict[str, str] = {}
    for ind in indicators:
        # FILTER (WHERE population) rather than CASE: cheaper in every engine; a group with
        # nobody of the population gives NULL, read as 0 when the result is fetched
        in_pop = ind.population(t).fill_null(False)
        wnum = w * ind.numerator(t)
        wden = w if ind.denominator is None else w * ind.denominator(t)
        for what, value in (
            ("num", wnum.sum(where=in_pop)),
            ("den", wden.sum(where=in_pop)),
            ("n", w.count(where=in_pop)),  # weight is never null
            ("sw", w.sum(where=in_pop)),
            ("max_num", wnum.max(where=in_pop)),
            ("max_den", wden.max(where=in_pop)),
        ):
            name = sum_column(ind.id, what)
            op = value.op()
            if op in seen:
                aliases[name] = seen[op]
            else:
                seen[op] = name
                aggs[name] = value
    keys = [DIMENSIONS[b] for b in by] + ["year", JK_GROUP]
    out = t.group_by(keys).aggregate(**aggs)
    return out.mutate(**{alias: out[name] for alias, name in aliases.items()}) if aliases else out


def point_estimates(
    t: ir.Table, by: Sequence[str], *, indicators: Sequence[MicroIndicator] = INDICATORS
) -> ir.Table:
    """Plain indicator values per finest cell (no margins, SE or disclosure): the same
    definitions, for quick looks and for comparing with hand-written SQL."""
    t = prepare(t, groups=1, seed=0)
    w = t.weight
    aggs: dict[str, ir.Value] = {}
    for ind in indicators:
        in_pop = ind.population(t).fill_null(False)
        num = in_pop.ifelse(w * ind.numerator(t), 0.0).sum()
        den = in_pop.ifelse(w if ind.denominator is None else w * ind.denominator(t), 0.0).sum()
        aggs[ind.id] = ind.scale * num / den.nullif(0.0)
        aggs[f"{ind.id}__n"] = in_pop.ifelse(1, 0).sum()
    return t.group_by([DIMENSIONS[b] for b in by] + ["year"]).aggregate(**aggs)
