"""Human-readable wording of targets, in any of the five languages."""

from __future__ import annotations

from mic2025.i18n import translator
from mic2025.plan.model import Plan, Target


def format_number(value: float) -> str:
    return f"{value:g}"


def describe_target(target: Target, plan: Plan, lang: str = "en") -> str:
    """E.g. '70 % by 2020', '-18 % vs 2015 by 2020', '+2 pp vs 2015 by 2025'."""
    _ = translator(lang)
    unit = unit_label(plan, target.unit, lang)
    about = _("about") + " " if target.approximate else ""
    value = format_number(target.value)
    if target.kind == "change_from_base":
        text = _("{sign}{value} % vs {base}").format(
            sign="+" if target.value > 0 else "", value=value, base=target.base_year
        )
    elif target.kind == "pp_change":
        text = _("{sign}{value} pp vs {base}").format(
            sign="+" if target.value > 0 else "", value=value, base=target.base_year
        )
    elif target.kind == "average_annual_growth":
        text = _("{value} % a year over {start}-{end}").format(
            value=value, start=target.period_start, end=target.year
        )
        return about + text
    else:
        text = f"{value} {unit}".strip()
    return about + text + " " + _("by {year}").format(year=target.year)


def unit_label(plan: Plan, unit_id: str, lang: str = "en") -> str:
    for unit in plan.units:
        if unit.id == unit_id:
            return unit.labels.get(lang)
    return unit_id
