"""Linked level series: a 2015 = 100 level carried forward by published changes.

The strategy's green targets are reductions from 2015 ("energy per unit of value added
down 18 % by 2020").  Ministries publish a level relative to 2015 only now and then,
but publish the yearly change ("down 2.7 % on the previous year") and the cumulative
change over a five-year plan every year.  Where the arithmetic is exact, the level
follows from them:

    level_y = level_b × (1 + c_{b→y} / 100)            (cumulative change from year b)
    level_y = level_{y-1} × (1 + g_y / 100)            (year-on-year change, chained)

A cumulative change over a five-year plan runs from the year before the plan starts
(2015 for the 13th plan's years 2016–2020, 2020 for the 14th plan's 2021–2025).  Only
changes of the *same scope* as the level are used (the plan's ``scope`` of both
indicators must be given and equal), and never a change that is a bound ("more than").

The linked values are **estimates**: they carry status ``E``, the formula in their
note, and the rounding of the published changes (a change published to one decimal
can move the level by about ±0.05 points a step).  They are made for the evaluation and
its charts only and never written to the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.evaluate.series import SERIES_KEY

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Plan

YOY_UNITS = ("pct_change_yoy",)
CUMULATIVE_UNITS = ("pct_change_cum",)
LINKABLE_KIND = "level"
BOUNDS = (">", ">=", "<", "<=")


def plan_base_year(year: int) -> int:
    """The base year of a five-year plan's cumulative change reported for ``year``."""
    return 2015 + 5 * ((year - 2016) // 5)


def change_series(plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """Level indicator id → [(change indicator id, 'yoy' or 'cumulative')] of the same scope."""
    kinds = {u.id: u.kind for u in plan.units}
    out: dict[str, list[tuple[str, str]]] = {}
    for ind in plan.indicators:
        if ind.proxy_of is None or ind.scope is None:
            continue
        parent = plan.indicator(ind.proxy_of)
        if parent.scope != ind.scope or kinds.get(parent.unit) != LINKABLE_KIND:
            continue
        if ind.unit in YOY_UNITS:
            out.setdefault(parent.id, []).append((ind.id, "yoy"))
        elif ind.unit in CUMULATIVE_UNITS:
            out.setdefault(parent.id, []).append((ind.id, "cumulative"))
    return out


def linked_levels(annual: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Estimated level rows for years after the last published level (see module doc).

    ``annual`` is the evaluation's yearly frame (indicator, area, sector, year, period,
    value, qualifier, status, source...).  Returns rows in the same shape with
    ``linked`` true, or an empty frame.
    """
    import pandas as pd

    links = change_series(plan)
    if not links or annual.empty:
        return annual.iloc[0:0].assign(linked=pd.Series(dtype=bool))
    exact = annual[~annual["qualifier"].fillna("").isin(BOUNDS)]
    rows: list[dict] = []
    for level_id, changes in links.items():
        levels = exact[exact["indicator"] == level_id]
        for key, series in levels.groupby(SERIES_KEY[1:], sort=True):
            rows += _link_one(level_id, key, series, exact, changes)
    if not rows:
        return annual.iloc[0:0].assign(linked=pd.Series(dtype=bool))
    return pd.DataFrame(rows)


def _link_one(
    level_id: str, key: tuple, series: pd.DataFrame, exact: pd.DataFrame, changes: list[tuple[str, str]]
) -> list[dict]:
    """Linked rows for one area x sector: cumulative changes first, then chained yearly ones."""
    area, sector = key
    known = {int(r.year): float(r.value) for r in series.itertuples(index=False)}
    last = max(known)
    by_change = {
        kind: exact[(exact["indicator"] == cid) & (exact["area"] == area) & (exact["sector"] == sector)]
        for cid, kind in changes
    }
    years = sorted({int(y) for frame in by_change.values() for y in frame["year"] if int(y) > last})
    out: list[dict] = []
    for year in years:
        made = _from_cumulative(year, known, by_change.get("cumulative")) or _from_yoy(
            year, known, by_change.get("yoy")
        )
        if made is None:
            continue
        value, source, note = made
        known[year] = value
        out.append(_row(level_id, area, sector, year, value, source, note))
    return out


def _from_cumulative(year: int, known: dict[int, float], frame: pd.DataFrame | None) -> tuple | None:
    base = plan_base_year(year)
    if frame is None or base not in known:
        return None
    hit = frame[frame["year"] == year]
    if hit.empty:
        return None
    change = float(hit["value"].iloc[0])
    value = known[base] * (1 + change / 100)
    note = (
        f"linked estimate: level {base} {known[base]:g} × (1 {'+' if change >= 0 else '−'} "
        f"{abs(change):g}/100), the published change {base}–{year}"
    )
    return value, str(hit["source"].iloc[0]), note


def _from_yoy(year: int, known: dict[int, float], frame: pd.DataFrame | None) -> tuple | None:
    if frame is None or (year - 1) not in known:
        return None
    hit = frame[frame["year"] == year]
    if hit.empty:
        return None
    change = float(hit["value"].iloc[0])
    value = known[year - 1] * (1 + change / 100)
    note = (
        f"linked estimate: level {year - 1} {known[year - 1]:.4g} × (1 {'+' if change >= 0 else '−'} "
        f"{abs(change):g}/100), the published change on {year - 1}"
    )
    return value, str(hit["source"].iloc[0]), note


def _row(indicator: str, area: str, sector: str, year: int, value: float, source: str, note: str) -> dict:
    return {
        "indicator": indicator,
        "area": area,
        "sector": sector,
        "year": year,
        "period": str(year),
        "value": value,
        "is_break": False,
        "qualifier": "",
        "status": "E",
        "source": source,
        "note": note,
        "linked": True,
    }
