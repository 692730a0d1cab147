"""Evaluation engine: progress of every target of a plan, by three methods side by side.

``evaluate(plan, observations)`` returns the scorecard, one row per target x area x
sector x method; ``headline`` picks one status per target; ``rollup`` counts statuses
per category, project, task and sector.  Methods and thresholds: docs/methodology.md.

Names load on first use (``mic2025.lazy``), so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.evaluate.milestones import MILESTONES, final, mid_term
    from mic2025.evaluate.paths import target_paths
    from mic2025.evaluate.rollups import rollup
    from mic2025.evaluate.scorecard import DEFAULT_METHODS, OUTPUT_COLUMNS, evaluate
    from mic2025.evaluate.status import STATUSES, SYMBOLS, headline, status_label

__all__ = [
    "DEFAULT_METHODS",
    "MILESTONES",
    "OUTPUT_COLUMNS",
    "STATUSES",
    "SYMBOLS",
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
        "DEFAULT_METHODS": "scorecard",
        "MILESTONES": "milestones",
        "OUTPUT_COLUMNS": "scorecard",
        "STATUSES": "status",
        "SYMBOLS": "status",
        "evaluate": "scorecard",
        "final": "milestones",
        "headline": "status",
        "mid_term": "milestones",
        "rollup": "rollups",
        "status_label": "status",
        "target_paths": "paths",
    },
)
