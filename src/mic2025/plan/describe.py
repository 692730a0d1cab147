"""Targets and quantities in words, in any of the five languages: the one place for phrasing.

Word order differs by language ("about 40 centres by 2025", "到2025年40家左右",
"2025年までに約40か所", "2025년까지 약 40개"), so every phrase is a template from the
message catalogues with named slots, never English words glued together.  Counts take
the measure word the strategy's own text uses (``Indicator.counter``); percentages of
units stay in %, changes of a percentage in percentage points; a target the plan
words itself (``Target.labels``) is shown in the plan's words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.i18n import translator
from mic2025.vocabulary import N_

if TYPE_CHECKING:
    from mic2025.plan.model import Indicator, Plan, Target

COMPARATOR_PHRASES: dict[str, str] = {
    "=": N_("{quantity}"),
    "~": N_("about {quantity}"),
    ">=": N_("at least {quantity}"),
    ">": N_("more than {quantity}"),
    "<=": N_("at most {quantity}"),
    "<": N_("less than {quantity}"),
}
"""How a comparator (a target's, or an observation's qualifier) reads with a quantity."""

QUANTITY = N_("{value} {unit}")
"""A number with its unit or measure word ("40 centres", "40家", "1.6 %")."""
PERCENT = N_("{value} %")
POINTS = N_("{value} percentage points")
BY_YEAR = N_("{what} by {year}")
CHANGE_DOWN = N_("down {value} % from {base}")
CHANGE_UP = N_("up {value} % from {base}")
POINTS_UP = N_("up {value} percentage points from {base}")
POINTS_DOWN = N_("down {value} percentage points from {base}")
AVERAGE_GROWTH = N_("{value} % a year on average over {start}–{end}")

PERCENT_UNITS = ("pct",)


def format_number(value: float) -> str:
    """A plain number without trailing zeros, thousands grouped (16, 1.68, 0.7, 1,000)."""
    return f"{value:,g}" if abs(value) < 1e15 else f"{value:g}"


def unit_label(plan: Plan, unit_id: str, lang: str = "en") -> str:
    for unit in plan.units:
        if unit.id == unit_id:
            return unit.labels.get(lang)
    return unit_id


def quantity(
    value: str, unit_id: str, plan: Plan, lang: str = "en", indicator: Indicator | None = None
) -> str:
    """``value`` (already formatted) with its unit: a measure word for counts, % for shares."""
    _ = translator(lang)
    if unit_id in PERCENT_UNITS:
        return _(PERCENT).format(value=value)
    if unit_id == "pct_points":
        return _(POINTS).format(value=value)
    counter = indicator.counter.get(lang) if indicator is not None and indicator.counter else None
    unit = counter if counter else after_number(plan, unit_id, lang)
    return _(QUANTITY).format(value=value, unit=unit).strip()


def after_number(plan: Plan, unit_id: str, lang: str = "en") -> str:
    """What follows a number of this unit: its ``after_number`` words, else its label."""
    for unit in plan.units:
        if unit.id == unit_id:
            return (unit.after_number or unit.labels).get(lang)
    return unit_id


def qualified(text: str, comparator: str | None, lang: str = "en") -> str:
    """A quantity with its comparator or qualifier ("more than 1.6 %", "超过1.6%")."""
    _ = translator(lang)
    return _(COMPARATOR_PHRASES.get(comparator or "=", COMPARATOR_PHRASES["="])).format(quantity=text)


def describe_target(target: Target, plan: Plan, lang: str = "en") -> str:
    """What the target asks, in the plan's words where it gives them, else from templates.

    E.g. '70 % by 2020', 'down 18 % from 2015 by 2020', 'about 40 centers by 2025',
    '到2025年40家左右' (as the zh-Hans catalogue orders it).
    """
    if target.labels is not None:
        return target.labels.get(lang)
    _ = translator(lang)
    value = format_number(abs(target.value))
    if target.kind == "change_from_base":
        what = _(CHANGE_DOWN if target.value < 0 else CHANGE_UP).format(value=value, base=target.base_year)
    elif target.kind == "pp_change":
        what = _(POINTS_DOWN if target.value < 0 else POINTS_UP).format(value=value, base=target.base_year)
    elif target.kind == "average_annual_growth":
        what = _(AVERAGE_GROWTH).format(
            value=format_number(target.value), start=target.period_start, end=target.year
        )
        return qualified(what, target.comparator, lang)
    else:
        indicator = plan.indicator(target.metric)
        what = quantity(format_number(target.value), target.unit, plan, lang, indicator)
    return _(BY_YEAR).format(what=qualified(what, target.comparator, lang), year=target.year)
