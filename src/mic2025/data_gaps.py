"""The data-gap register: which targets have no figure after 2020, and why.

A missing figure must read as "not published" (with what was searched), never as a
silent blank.  ``data/gaps.csv`` is the register, checked by hand on the date it
gives; reports and the dashboard list it through :func:`data_gaps`.  Its ``searched``
and ``finding`` columns are English prose; the ``reason`` code is translated, so every
language can say why.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from mic2025.data_files import data_dir
from mic2025.vocabulary import GAP_REASONS


@dataclass(frozen=True)
class DataGap:
    """One row of the register: an indicator's targets without a usable figure."""

    indicator: str
    targets: tuple[str, ...]
    area: str
    periods_missing: str
    reason: str
    searched: str
    finding: str
    checked: str


@cache
def _register() -> tuple[DataGap, ...]:
    with (data_dir() / "gaps.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gaps = []
    for number, row in enumerate(rows, start=2):
        if row["reason"] not in GAP_REASONS:
            raise ValueError(f"gaps.csv row {number}, column reason: unknown reason {row['reason']!r}")
        gaps.append(
            DataGap(
                indicator=row["indicator"],
                targets=tuple(t.strip() for t in row["target"].split(";") if t.strip()),
                area=row["area"],
                periods_missing=row["periods_missing"],
                reason=row["reason"],
                searched=row["searched"],
                finding=row["finding"],
                checked=row["checked"],
            )
        )
    return tuple(gaps)


def data_gaps(*, area: str = "CN", indicators: set[str] | None = None) -> list[DataGap]:
    """The register's rows for ``area``, restricted to ``indicators`` when given.

    Parameters
    ----------
    area
        Area code; the register covers national series (``CN``) only, so other areas
        get an empty list rather than China's gaps.
    indicators
        Indicator ids of the plan in use: a plan of one's own shows only the gaps of
        indicators it has.
    """
    return [g for g in _register() if g.area == area and (indicators is None or g.indicator in indicators)]
