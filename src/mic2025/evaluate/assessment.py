"""An evaluation of a store as one object: the per-method rows, the verdicts, and when.

Every output (CLI, API, reports, dashboard) evaluates through :func:`assess_store`, so
for the same choices they see the same rows and count the same targets the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from mic2025.evaluate.engine import evaluate
from mic2025.evaluate.methods import DEFAULT_METHODS
from mic2025.evaluate.verdict import count_by_status, headline

if TYPE_CHECKING:
    from mic2025.monitor import Monitor
    from mic2025.plan.model import Plan

ALL_AREAS = "*"


@dataclass(frozen=True)
class Assessment:
    """``detail``: one row per target x series x method; ``heads``: one verdict per target x
    series; ``evaluated_on``: the date that decided which deadlines have passed."""

    detail: pd.DataFrame
    heads: pd.DataFrame
    evaluated_on: dt.date
    as_of: dt.date | None
    milestone: int | None
    area: str

    def without_proxies(self) -> Assessment:
        """The same assessment without proxy rows (they are context, never counted)."""
        from dataclasses import replace

        def own(frame: pd.DataFrame) -> pd.DataFrame:
            return frame if frame.empty else frame[~frame["proxy"].astype(bool)].reset_index(drop=True)

        return replace(self, heads=own(self.heads), detail=own(self.detail))

    def counts(self) -> dict[str, int]:
        """Targets per verdict, proxies left out: the one count every output prints."""
        return count_by_status(self.heads)


def assess(
    plan: Plan,
    observations: pd.DataFrame,
    *,
    grades: dict[str, str] | None = None,
    as_of: dt.date | None = None,
    milestone: int | None = None,
    area: str = "CN",
    methods: Sequence[str] = DEFAULT_METHODS,
    today: dt.date | None = None,
) -> Assessment:
    """Evaluate ``observations`` against ``plan``.

    Parameters
    ----------
    grades
        Source id → grade, for the evidence columns.
    as_of
        Only figures published by this date count, and deadlines are judged as of it;
        without it, everything published counts and deadlines are judged as of ``today``.
    milestone
        Only targets due that year.
    area
        One area code, or ``*`` for every area.
    """
    areas = None if area == ALL_AREAS else area
    detail = evaluate(plan, observations, milestone=milestone, methods=methods, as_of=as_of, area=areas)
    on = as_of or today or dt.date.today()
    heads = headline(detail, as_of=on, grades=grades, order=list(methods))
    if area != ALL_AREAS and not heads.empty:
        heads = heads[heads["area"] == area].reset_index(drop=True)
        detail = detail[detail["area"] == area].reset_index(drop=True)
    return Assessment(detail, heads, on, as_of, milestone, area)


def assess_store(
    monitor: Monitor,
    *,
    as_of: dt.date | None = None,
    milestone: int | None = None,
    area: str = "CN",
    methods: Sequence[str] = DEFAULT_METHODS,
    today: dt.date | None = None,
) -> Assessment:
    """:func:`assess` on a store's figures in force at ``as_of``, with its sources' grades."""
    observations = monitor.observations(as_of=as_of)
    sources = monitor.sources()
    grades = dict(zip(sources["id"], sources["grade"].fillna(""), strict=True)) if not sources.empty else {}
    return assess(
        monitor.plan, observations, grades=grades, as_of=as_of, milestone=milestone, area=area,
        methods=methods, today=today,
    )  # fmt: skip
