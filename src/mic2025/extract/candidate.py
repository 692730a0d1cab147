"""A target found in a document, before it becomes part of a plan.

The finder and the table reader both produce :class:`Candidate` objects; linking, the
draft writer, the JSON output and the scorer all read them.  ``notes`` says what a
person has to check (a base year that the text does not state, a year taken from a list
heading, an indicator phrase that matched no known indicator); a candidate with notes
becomes a draft target.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from mic2025.plan.model import Comparator, TargetKind


@dataclass
class Candidate:
    """One quantified target: what, how much, by when, against what, and where it was read."""

    value: float
    unit: str
    unit_kind: str
    kind: TargetKind
    year: int
    comparator: Comparator
    lang: str
    phrase: str
    quote: str
    start: int
    end: int
    base_year: int | None = None
    period_start: int | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    upper: float | None = None
    baselines: dict[int, float] = field(default_factory=dict)
    source: Literal["text", "table"] = "text"
    indicator: str | None = None
    link_score: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        """Whether a person has to look at it: any assumption or no known indicator."""
        return bool(self.notes) or self.indicator is None

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``--json`` output, with the draft flag spelled out."""
        data = asdict(self)
        data["draft"] = self.draft
        return data
