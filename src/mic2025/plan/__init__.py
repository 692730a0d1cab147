"""The strategy as data: a typed model of a plan and the built-in *Made in China 2025* plan."""

from mic2025.plan.loader import PlanFileError, default_plan, load_plan
from mic2025.plan.model import (
    LANGUAGES,
    DocRef,
    Element,
    Indicator,
    Labels,
    Measure,
    Plan,
    Project,
    Sector,
    Step,
    SubItem,
    Target,
    Task,
    Unit,
)

__all__ = [
    "LANGUAGES",
    "DocRef",
    "Element",
    "Indicator",
    "Labels",
    "Measure",
    "Plan",
    "PlanFileError",
    "Project",
    "Sector",
    "Step",
    "SubItem",
    "Target",
    "Task",
    "Unit",
    "default_plan",
    "load_plan",
]
