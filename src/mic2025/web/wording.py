"""Words the web layer shows that are not plan labels: method and category names.

The msgids are the report's (``mic2025.report.context``) so one catalogue entry
translates both; plan elements are named through their own ``Labels.get(lang)``.
"""

from __future__ import annotations

from collections.abc import Callable

from mic2025.plan import Plan


def N_(msgid: str) -> str:
    """Mark a msgid for extraction; it is translated where it is shown."""
    return msgid


METHOD_NAMES: dict[str, str] = {
    "growth_ratio": N_("Growth ratio (Open SDG)"),
    "unsd_gap": N_("Projected gap share (UNSD 2023)"),
    "trend": N_("Linear trend projection"),
    "headline": N_("Headline (most cautious)"),
}
SHORT_METHOD_NAMES: dict[str, str] = {
    "growth_ratio": N_("Growth ratio"),
    "unsd_gap": N_("Gap share"),
    "trend": N_("Trend"),
}
"""Column headings of the scorecard, where the full method names do not fit."""
CATEGORY_NAMES: dict[str, str] = {
    "innovation": N_("Innovation capability"),
    "quality_efficiency": N_("Quality and efficiency"),
    "informatisation": N_("Integration of IT and industry"),
    "green": N_("Green development"),
    "project": N_("Major project metric"),
    "context": N_("Context"),
}
DIMENSION_NAMES: dict[str, str] = {
    "category": N_("category"),
    "project": N_("major project"),
    "task": N_("strategic task"),
    "sector": N_("sector"),
}
OBS_STATUS: dict[str, str] = {
    "A": N_("actual"),
    "B": N_("break in series"),
    "E": N_("estimate"),
    "F": N_("forecast"),
    "P": N_("provisional"),
}


def group_label(plan: Plan, dimension: str, group: str, lang: str, _: Callable[[str], str]) -> str:
    """The name of a roll-up group: a plan element's label, or a translated category."""
    if not group:
        return ""
    if dimension == "category":
        return _(CATEGORY_NAMES.get(group, group))
    elements = {"project": plan.projects, "task": plan.tasks, "sector": plan.sectors}.get(dimension, [])
    for element in elements:
        if element.id == group:
            return element.labels.get(lang)
    return group
