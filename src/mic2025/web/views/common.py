"""What every page shows alike: area and sector names, figures with their unit and period,
source titles, the status counts and the filter choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mic2025.evaluate.assessment import Assessment
from mic2025.evaluate.status import STATUSES
from mic2025.plan import Plan
from mic2025.plan.describe import qualified, quantity
from mic2025.plan.model import Indicator
from mic2025.present.areas import area_choices, area_name
from mic2025.present.formatter import Formatter, StatusView, missing
from mic2025.vocabulary import N_

TOTAL = "_T"
ALL_MANUFACTURING = N_("All manufacturing")
AT_PERIOD = N_("{period}: {figure}")
"""A figure and the period it covers ("2020-Q3: 91 %"), never two brackets in a row."""
AT_YEAR = N_("{year}: {figure}")
"""A figure and its year ("2020: 84 (2015 = 100)"; "2020年：84（2015年=100）")."""

Status = StatusView


class Fmt(Formatter):
    """The page formatter: the shared one, plus the engine-note helper pages use."""

    def note(self, text: Any) -> str:
        return self.notes(text)


@dataclass(frozen=True)
class Choices:
    """What the filter form offers: areas and sectors as (code, name)."""

    areas: list[tuple[str, str]]
    sectors: list[tuple[str, str]]


def choices(plan: Plan, fmt: Fmt) -> Choices:
    return Choices(area_choices(fmt.lang), sector_choices(plan, fmt))


def sector_choices(plan: Plan, fmt: Fmt) -> list[tuple[str, str]]:
    """All manufacturing, then the ten priority sectors in the strategy's order."""
    ordered = sorted(plan.sectors, key=lambda s: s.number)
    return [(TOTAL, fmt._(ALL_MANUFACTURING))] + [(s.id, s.labels.get(fmt.lang)) for s in ordered]


def sector_name(plan: Plan, code: str, fmt: Fmt) -> str:
    """A sector's name in the page language: all manufacturing, a priority sector, else the code."""
    return dict(sector_choices(plan, fmt)).get(code, code)


def place(code: str, fmt: Fmt) -> str:
    return area_name(code, fmt.lang)


def as_int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def amount(fmt: Fmt, plan: Plan, ind: Indicator, value: Any, qualifier: Any = None) -> str:
    """A figure with its unit as the plan writes it ("84 (2015 = 100)", "96 %"); '' if none."""
    if missing(value):
        return ""
    text = quantity(fmt.num(value), ind.unit, plan, fmt.lang, ind)
    return qualified(text, qualifier if isinstance(qualifier, str) and qualifier else None, fmt.lang)


def at_period(fmt: Fmt, figure: str, period: Any) -> str:
    """ "2020: 84 (2015 = 100)"; the figure alone when the period is unknown; '' if no figure."""
    if not figure:
        return ""
    if missing(period) or str(period) == "":
        return figure
    if isinstance(period, int) or str(period).isdigit():
        return fmt._(AT_YEAR).format(year=period, figure=figure)
    return fmt._(AT_PERIOD).format(period=fmt.period(period), figure=figure)


def status_counts(assessment: Assessment, fmt: Fmt) -> list[tuple[Status, int]]:
    """Targets per verdict, proxies left out: the count the CLI and the API print."""
    counts = assessment.counts()
    return [(fmt.status(s), int(counts.get(s, 0))) for s in STATUSES]


def source_titles(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """Source id → the title a reader of ``lang`` sees (see ``sources.shown_title``)."""
    from mic2025.web.views.sources import shown_title

    if sources.empty:
        return {}
    return {str(r["id"]): shown_title(r, lang) for r in sources.to_dict("records")}


def vintage_text(value: Any) -> str:
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()[:10]
    return "" if missing(value) else str(value)
