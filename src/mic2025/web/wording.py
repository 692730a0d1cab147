"""Names of roll-up groups on the dashboard; the shared words are in ``mic2025.vocabulary``."""

from __future__ import annotations

from collections.abc import Callable

from mic2025.plan import Plan
from mic2025.vocabulary import CATEGORY_NAMES


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
