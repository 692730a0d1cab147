"""The figures tables of an indicator section: each figure with its unit, status and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.plan.describe import PERCENT, qualified, quantity
from mic2025.present.formatter import Formatter, missing
from mic2025.report.sources import SourceName, unknown
from mic2025.vocabulary import N_, OBS_STATUS

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Indicator, Plan
    from mic2025.report.model import FigureRow


def figure_rows(
    ind: Indicator, rows: pd.DataFrame | None, plan: Plan, fmt: Formatter, names: dict[str, SourceName]
) -> list[FigureRow]:
    """One row per figure: period, the value with its unit or measure word, status, source."""
    from mic2025.report.model import FigureRow

    if rows is None:
        return []
    out = []
    for r in rows.itertuples(index=False):
        name = names.get(str(r.source)) or unknown(str(r.source))
        q = getattr(r, "qualifier", None)
        value = value_text(fmt.num(r.value), ind, plan, fmt)
        out.append(
            FigureRow(
                indicator=ind.labels.get(fmt.lang),
                period=str(r.period),
                value=qualified(value, None if missing(q) else str(q), fmt.lang),
                unit="",
                status=fmt._(OBS_STATUS.get(str(r.status), str(r.status))),
                source=name.short,
                vintage=fmt.date(r.vintage),
                source_anchor=name.anchor,
            )
        )
    return out


CHANGE_UNITS = ("pct_change_yoy", "pct_change_cum")
"""Changes in per cent: without the plan's words after the number ("-1.16 % on the previous
year"), the figure reads "-40 %" and the unit's name is in the metadata block."""


def value_text(number: str, ind: Indicator, plan: Plan, fmt: Formatter) -> str:
    """A formatted number with its unit or measure word, as the figures tables show it."""
    own_words = any(u.id == ind.unit and u.after_number is not None for u in plan.units)
    if ind.unit in CHANGE_UNITS and not own_words:  # the plan gives no words to follow the number
        return fmt._(PERCENT).format(value=number)
    return quantity(number, ind.unit, plan, fmt.lang, ind)


CAPTION = N_("Sources: {sources}. Figures as published up to {vintage}.")
CAPTION_NONE = N_("No figure in the store: the chart shows the baseline and targets only.")
CAPTION_SOURCES = 3
"""Sources named in a caption; more are counted ("and 4 more") and listed under the table."""
MORE = N_("{names} and {n} more")


def chart_caption(rows: pd.DataFrame | None, fmt: Formatter, names: dict[str, SourceName]) -> str:
    """Under a chart: the sources of the figures drawn (newest first) and the newest vintage."""
    if rows is None or rows.empty:
        return fmt._(CAPTION_NONE)
    newest = rows.sort_values("vintage", ascending=False, kind="mergesort")
    cited = list(dict.fromkeys(newest["source"].astype(str)))
    shown = [(names.get(c) or unknown(c)).short for c in cited[:CAPTION_SOURCES]]
    text = fmt._("; ").join(shown)
    if len(cited) > CAPTION_SOURCES:
        text = fmt._(MORE).format(names=text, n=len(cited) - CAPTION_SOURCES)
    return fmt._(CAPTION).format(sources=text, vintage=fmt.date(newest["vintage"].iloc[0]))
