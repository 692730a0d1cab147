"""Words every publication layer shares: status, method, category and observation-status
names, marked for the Babel catalogues once so the CLI, reports and web say the same.

Plan elements are named by their own ``Labels``; these are the words around them.  Look
them up, then translate where shown: ``translator(lang)(METHOD_NAMES["trend"])``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mic2025.plan import Plan


def N_(msgid: str) -> str:
    """Mark a msgid for extraction; it is translated where it is shown."""
    return msgid


STATUS_WORDS: dict[str, str] = {
    "achieved": N_("achieved"),
    "on_track": N_("on track"),
    "needs_acceleration": N_("needs acceleration"),
    "stagnating": N_("stagnating"),
    "regressing": N_("regressing"),
    "insufficient_data": N_("insufficient data"),
}
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
"""Column headings where the full method names do not fit."""
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
