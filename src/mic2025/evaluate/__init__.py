"""Evaluation engine: progress of every target of a plan, and a verdict an evaluator can cite.

``assess(plan, observations)`` gives both at once: one verdict per target (``.heads``) and
the method detail behind it (``.detail``); ``assess_store(monitor)`` does the same on a
store's figures with its sources' grades.  ``evaluate(plan, observations)`` returns the
detailed scorecard, one row per target x area x sector x method; ``headline`` gives one
verdict per target (deadline-aware, with its evidence); ``rollup`` counts verdicts per
category, project, task and sector.
Methods and rules: docs/methodology.md.

Names load on first use (``mic2025.lazy``), so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.evaluate.assessment import Assessment, assess, assess_store
    from mic2025.evaluate.engine import DETAIL_COLUMNS, OUTPUT_COLUMNS, evaluate
    from mic2025.evaluate.methods import DEFAULT_METHODS, METHODS
    from mic2025.evaluate.milestones import MILESTONES, final, mid_term
    from mic2025.evaluate.paths import target_paths
    from mic2025.evaluate.rollups import rollup
    from mic2025.evaluate.status import STATUSES, SYMBOLS, status_label
    from mic2025.evaluate.verdict import HEADLINE_COLUMNS, count_by_status, headline

__all__ = [
    "DEFAULT_METHODS",
    "DETAIL_COLUMNS",
    "HEADLINE_COLUMNS",
    "METHODS",
    "MILESTONES",
    "OUTPUT_COLUMNS",
    "STATUSES",
    "SYMBOLS",
    "Assessment",
    "assess",
    "assess_store",
    "count_by_status",
    "evaluate",
    "final",
    "headline",
    "mid_term",
    "rollup",
    "status_label",
    "target_paths",
]
__getattr__, __dir__ = exports(
    __name__,
    {
        "Assessment": "assessment",
        "assess": "assessment",
        "assess_store": "assessment",
        "DEFAULT_METHODS": "methods",
        "DETAIL_COLUMNS": "engine",
        "HEADLINE_COLUMNS": "verdict",
        "METHODS": "methods",
        "MILESTONES": "milestones",
        "OUTPUT_COLUMNS": "engine",
        "STATUSES": "status",
        "SYMBOLS": "status",
        "count_by_status": "verdict",
        "evaluate": "engine",
        "final": "milestones",
        "headline": "verdict",
        "mid_term": "milestones",
        "rollup": "rollups",
        "status_label": "status",
        "target_paths": "paths",
    },
)
