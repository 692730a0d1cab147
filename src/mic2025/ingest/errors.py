"""Problems found in an input file, reported all at once with file, row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


SHOWN = 50
"""Problems printed in the message; ``to_frame()`` (``--errors-out``) has all of them."""


class IngestError(ValueError):
    """The input was rejected; nothing was written.  ``problems`` lists every problem found.

    ``stopped_at`` is the last row read when reading stopped early because the problem
    limit was reached (a file that bad is not worth reading to the end).
    """

    def __init__(self, file: str | Path, problems: list[Problem], *, stopped_at: int | None = None) -> None:
        self.file = str(file)
        self.stopped_at = stopped_at
        self.problems = sorted(problems, key=lambda p: (p.row if p.row is not None else -1, p.column or ""))
        shown = "\n".join(f"  {p}" for p in self.problems[:SHOWN])
        more = len(self.problems) - SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        count = f"{len(self.problems)} problem(s)"
        if stopped_at is not None:
            count = f"at least {count} (reading stopped at row {stopped_at}: the limit was reached)"
        super().__init__(f"{self.file}: rejected, {count}; nothing was written\n{shown}{tail}")

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(
            [[p.file, p.row, p.column, p.value, p.reason] for p in self.problems],
            columns=PROBLEM_COLUMNS,
        )
