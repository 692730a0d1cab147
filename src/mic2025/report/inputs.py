"""What every part of the report reads: the rows of one area, the plan's maps, the formatter.

:func:`prepare` selects once (the area's national-series figures, evaluation rows and
headline rows, the targets in scope of the milestone) so that the sections, the summary
and the annexes read the same selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mic2025.evaluate.methods import DEFAULT_METHODS
from mic2025.evaluate.status import COLOURS, SYMBOLS, WORDS
from mic2025.present.ordering import ordered_targets
from mic2025.report import charts
from mic2025.report.model import Formatter, Status
from mic2025.report.sources import SourceName, source_names

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Indicator, Plan, Target

TOTAL_SECTOR = "_T"


@dataclass(frozen=True)
class Inputs:
    """The selection a report is built from (see the module docstring)."""

    plan: Plan
    fmt: Formatter
    observations: pd.DataFrame
    """Every figure read (all areas and sectors): for the sector matrix and the cut-off."""
    obs: pd.DataFrame
    """The area's figures of all manufacturing, by indicator and time."""
    by_ind: dict[str, pd.DataFrame]
    card: pd.DataFrame
    heads: pd.DataFrame
    sources: pd.DataFrame
    names: dict[str, SourceName]
    methods: list[str]
    proxies: dict[str, list[Indicator]]
    targets_of: dict[str, list[Target]]
    in_scope: Callable[[int], bool]
    milestone: int | None
    area: str
    as_of: dt.date | None
    generated: dt.date | None

    @property
    def lang(self) -> str:
        return self.fmt.lang


def prepare(
    plan: Plan,
    observations: pd.DataFrame,
    scorecard: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str,
    milestone: int | None,
    as_of: dt.date | None,
    area: str,
    generated: dt.date | None,
    heads: pd.DataFrame | None,
) -> Inputs:
    """Select the area's rows once; headline rows are recomputed only when not given."""
    fmt = Formatter(lang)
    obs = _area_figures(observations, area)
    card = scorecard[(scorecard["area"] == area) & (scorecard["sector"] == TOTAL_SECTOR)]
    if heads is None:
        from mic2025.evaluate.verdict import headline

        heads = (
            headline(card, as_of=as_of or generated, order=list(DEFAULT_METHODS)) if not card.empty else card
        )
    heads = heads[(heads["area"] == area) & (heads["sector"] == TOTAL_SECTOR)] if not heads.empty else heads
    proxies: dict[str, list[Indicator]] = {}
    for ind in plan.indicators:
        if ind.proxy_of:
            proxies.setdefault(ind.proxy_of, []).append(ind)
    targets_of: dict[str, list[Target]] = {}
    for target, _owner in ordered_targets(plan):
        targets_of.setdefault(target.metric, []).append(target)
    return Inputs(
        plan=plan, fmt=fmt, observations=observations, obs=obs,
        by_ind={k: g for k, g in obs.groupby("indicator", sort=True)}, card=card, heads=heads,
        sources=sources, names=source_names(sources, lang, fmt._) if not sources.empty else {},
        methods=[m for m in DEFAULT_METHODS if m in set(card["method"])], proxies=proxies,
        targets_of=targets_of, in_scope=_scope(milestone), milestone=milestone, area=area, as_of=as_of,
        generated=generated,
    )  # fmt: skip


def metric_ids(inp: Inputs) -> list[str]:
    """Indicators that carry a target in scope: key-table order, then project order."""
    ids: list[str] = []
    for target, _owner in ordered_targets(inp.plan):
        if inp.in_scope(target.year) and target.metric not in ids:
            ids.append(target.metric)
    return ids


def status(fmt: Formatter, code: str) -> Status:
    """A status by word, symbol and colour in the report language."""
    return Status(code, fmt._(WORDS.get(code, code)), SYMBOLS.get(code, "?"), COLOURS.get(code, "#777777"))


def chart_labels(fmt: Formatter, unit: str) -> charts.ChartLabels:
    """The words of a chart (legend, axes) in the report language."""
    return charts.translated_labels(fmt._, unit)


def _area_figures(observations: pd.DataFrame, area: str) -> pd.DataFrame:
    obs = observations[
        (observations["area"] == area)
        & (observations["sector"] == TOTAL_SECTOR)
        & (observations["entity"].fillna("") == "")
    ].copy()
    obs["_pos"] = obs["period"].map(charts.period_position)
    return obs.sort_values(["indicator", "_pos", "period", "source"], kind="mergesort")


def _scope(milestone: int | None) -> Callable[[int], bool]:
    if milestone is None:
        return lambda year: True
    return lambda year: int(year) == milestone
