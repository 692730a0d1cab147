"""The strategy as data: a typed model of a plan and the built-in *Made in China 2025* plan.

Names load on first use (``mic2025.lazy``): the command line's start-up does not pay for
pydantic until a command reads a plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
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
__getattr__, __dir__ = exports(
    __name__,
    {
        "DocRef": "model",
        "Element": "model",
        "Indicator": "model",
        "LANGUAGES": "model",
        "Labels": "model",
        "Measure": "model",
        "Plan": "model",
        "PlanFileError": "loader",
        "Project": "model",
        "Sector": "model",
        "Step": "model",
        "SubItem": "model",
        "Target": "model",
        "Task": "model",
        "Unit": "model",
        "default_plan": "loader",
        "load_plan": "loader",
    },
)
