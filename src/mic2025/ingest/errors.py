"""Problems found in an input file, reported all at once with file, row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PROBLEM_COLUMNS = ["file", "row", "column", "value", "reason"]


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based, the header being row 1 (as a spreadsheet shows it)
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        shown = "" if self.value is None else f" (value {self.value!r})"
        return f"{where}: {self.reason}{shown}"


class IngestError(ValueError):
    """The input was rejected; nothing was written.  ``problems`` lists every problem."""

    def __init__(self, file: str | Path, problems: list[Problem]) -> None:
        self.file = str(file)
        self.problems = sorted(problems, key=lambda p: (p.row if p.row is not None else -1, p.column or ""))
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(
            f"{self.file}: rejected, {len(self.problems)} problem(s); nothing was written\n{shown}{tail}"
        )

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [[p.file, p.row, p.column, p.value, p.reason] for p in self.problems],
            columns=PROBLEM_COLUMNS,
        )
