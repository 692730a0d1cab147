"""The figures-not-published page: the data-gap register, so a missing figure reads as
"not published" with what was searched, never as a silent blank."""

from __future__ import annotations

from dataclasses import dataclass

from mic2025.data_gaps import data_gaps
from mic2025.plan.describe import describe_target
from mic2025.plan.model import Plan
from mic2025.vocabulary import GAP_REASONS
from mic2025.web.views.common import Fmt


@dataclass(frozen=True)
class GapRow:
    indicator_id: str
    indicator: str
    targets: list[str]
    periods: str
    reason: str
    finding: str
    checked: str


def gap_rows(plan: Plan, fmt: Fmt) -> list[GapRow]:
    """One row per registered gap of the plan's indicators; the register's English notes
    are shown on English pages only, the translated reason on every page."""
    targets = {t.id: t for t in plan.targets()}
    known = {i.id for i in plan.indicators}
    return [
        GapRow(
            indicator_id=gap.indicator,
            indicator=plan.indicator(gap.indicator).labels.get(fmt.lang),
            targets=[describe_target(targets[t], plan, fmt.lang) for t in gap.targets if t in targets],
            periods=gap.periods_missing,
            reason=fmt._(GAP_REASONS[gap.reason]),
            finding=gap.finding if fmt.lang == "en" else "",
            checked=gap.checked,
        )
        for gap in data_gaps(indicators=known)
    ]
