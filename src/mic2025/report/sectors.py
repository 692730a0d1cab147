"""The ten priority sectors in one sector × indicator matrix: which figures exist where.

Sector figures are matched by the plan's sector or sub-sector id, or by a GB/T 4754
code under the sector's codes.  Each cell gives the number of figures and the latest
period, or a dash where the store holds none; one table replaces a list of missing
indicators repeated for every sector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mic2025.present.formatter import Formatter
from mic2025.report.charts import period_position
from mic2025.vocabulary import N_

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Plan, Sector

NONE = "–"
CELL = N_("{n} ({periods})")
"""Figures held in a cell and the periods they cover."""


@dataclass(frozen=True)
class SectorRow:
    """One priority sector: its names, plan reference, codes, and one cell per indicator."""

    number: int
    label: str
    ref: str
    codes: str
    subsectors: str
    cells: list[str]
    n_figures: int


@dataclass(frozen=True)
class SectorMatrix:
    """Columns (number, indicator label) and rows (sectors); cells as text."""

    columns: list[tuple[int, str]]
    rows: list[SectorRow]


def sector_matrix(plan: Plan, observations: pd.DataFrame, area: str, fmt: Formatter) -> SectorMatrix:
    """Key indicators (the strategy's table order) × priority sectors (the strategy's order)."""
    keys = plan.key_indicators()
    columns = [(n, ind.labels.get(fmt.lang)) for n, ind in enumerate(keys, start=1)]
    here = observations[observations["area"] == area]
    rows = []
    for sector in sorted(plan.sectors, key=lambda s: s.number):
        figures = here[_matches(sector, here)]
        cells = [_cell(figures[figures["indicator"] == ind.id], fmt) for ind in keys]
        rows.append(
            SectorRow(
                number=sector.number,
                label=sector.labels.get(fmt.lang),
                ref=fmt.ref(sector.ref),
                codes=", ".join(sector.gbt4754),
                subsectors=fmt._("; ").join(s.labels.get(fmt.lang) for s in sector.subsectors),
                cells=cells,
                n_figures=int(figures["indicator"].isin([i.id for i in keys]).sum()),
            )
        )
    return SectorMatrix(columns, rows)


def _matches(sector: Sector, frame: pd.DataFrame) -> pd.Series:
    ids = {sector.id, *[s.id for s in sector.subsectors]}
    codes = tuple(sector.gbt4754)
    sec = frame["sector"].astype(str)
    return sec.isin(ids) | (sec.str.startswith(codes) if codes else False)


def _cell(rows: pd.DataFrame, fmt: Formatter) -> str:
    """'3 (2019–2023)': figures held and their periods; a dash when none."""
    if rows.empty:
        return NONE
    periods = sorted(set(rows["period"].astype(str)), key=period_position)
    span = periods[0] if len(periods) == 1 else f"{periods[0]}–{periods[-1]}"
    return fmt._(CELL).format(n=len(rows), periods=span)
