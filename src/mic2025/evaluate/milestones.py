"""Milestone evaluations: the mid-term (2020 targets) and final (2025 targets) reviews.

A milestone evaluation is ``evaluate`` restricted to the targets due that year, with
the data as published up to a chosen date (``as_of``), so the 2021 mid-term review
can be rerun exactly as it was and compared with today's view of the same targets.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from mic2025.evaluate.engine import evaluate
from mic2025.evaluate.methods import DEFAULT_METHODS
from mic2025.evaluate.verdict import headline
from mic2025.plan.model import Plan

MILESTONES: dict[int, str] = {2020: "mid-term evaluation", 2025: "final evaluation"}


def mid_term(
    plan: Plan,
    observations: pd.DataFrame,
    as_of: date | datetime | str | None = None,
    methods: tuple[str, ...] = DEFAULT_METHODS,
) -> pd.DataFrame:
    """Scorecard of the 2020 targets with the vintages published by ``as_of``."""
    return evaluate(plan, observations, milestone=2020, methods=methods, as_of=as_of)


def final(
    plan: Plan,
    observations: pd.DataFrame,
    as_of: date | datetime | str | None = None,
    methods: tuple[str, ...] = DEFAULT_METHODS,
) -> pd.DataFrame:
    """Scorecard of the 2025 targets with the vintages published by ``as_of``."""
    return evaluate(plan, observations, milestone=2025, methods=methods, as_of=as_of)


def compare_vintages(
    plan: Plan,
    observations: pd.DataFrame,
    milestone: int,
    then: date | datetime | str,
    now: date | datetime | str | None = None,
) -> pd.DataFrame:
    """Verdicts on one milestone as seen at ``then`` and at ``now``, side by side.

    Shows which judgements changed because data were published or revised later, or
    because the deadline passed in between.
    """
    keys = ["target", "indicator", "area", "sector"]
    a = headline(evaluate(plan, observations, milestone=milestone, as_of=then), as_of=then)
    b = headline(evaluate(plan, observations, milestone=milestone, as_of=now), as_of=now)
    merged = a[[*keys, "status", "evidence_period", "evidence_value"]].merge(
        b[[*keys, "status", "evidence_period", "evidence_value"]],
        on=keys,
        how="outer",
        suffixes=("_then", "_now"),
    )
    merged["changed"] = merged["status_then"] != merged["status_now"]
    return merged
