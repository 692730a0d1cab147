"""Evaluation engine: progress of every target of a plan, by three methods side by side.

``evaluate(plan, observations)`` returns the scorecard, one row per target x area x
sector x method; ``headline`` picks one status per target; ``rollup`` counts statuses
per category, project, task and sector.  Methods and thresholds: docs/methodology.md.
"""

from mic2025.evaluate.milestones import MILESTONES, final, mid_term
from mic2025.evaluate.paths import target_paths
from mic2025.evaluate.rollup import rollup
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
