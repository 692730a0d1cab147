"""Roll-ups: counts of targets by verdict per category, project, task and sector.

Never an average: a failing target stays visible as one count in its group.  The
roll-up counts *verdicts* (``verdict.headline``: one per target x indicator x area x
sector), proxies left out, exactly as every other count in mic2025
(``verdict.count_by_status``), so the CLI, the API and the reports agree.
"""

from __future__ import annotations

import pandas as pd

from mic2025.evaluate.status import STATUSES

DIMENSIONS: tuple[str, ...] = ("category", "project", "task", "sector")


def rollup(
    heads: pd.DataFrame,
    by: tuple[str, ...] | list[str] = DIMENSIONS,
    include_proxies: bool = False,
) -> pd.DataFrame:
    """Counts by status for each group of each dimension in ``by``.

    ``heads`` is :func:`mic2025.evaluate.verdict.headline`'s frame.  Returns a long
    frame: dimension, group, one column per status, total, note.  A dimension the plan
    does not map (no indicator names a task yet) gives one row with an empty group and
    a note saying so, instead of silently vanishing.
    """
    frame = heads
    if not include_proxies and not frame.empty:
        frame = frame[~frame["proxy"].astype(bool)]
    out = []
    for dim in by:
        out += _rows(frame, dim)
    return pd.DataFrame(out, columns=["dimension", "group", *STATUSES, "total", "note"])


def _rows(frame: pd.DataFrame, dim: str) -> list[dict]:
    empty = dict.fromkeys(STATUSES, 0)
    if dim not in frame.columns or frame[dim].isna().all():
        note = f"the plan maps no target to a {dim}: no roll-up by {dim}"
        return [{"dimension": dim, "group": "", **empty, "total": 0, "note": note}]
    mapped = frame[frame[dim].notna()]
    counts = pd.crosstab(mapped[dim], mapped["status"]).reindex(columns=list(STATUSES), fill_value=0)
    rows = [
        {
            "dimension": dim,
            "group": str(group),
            **{s: int(row[s]) for s in STATUSES},
            "total": int(row.sum()),
            "note": "",
        }
        for group, row in counts.iterrows()
    ]
    unmapped = int(frame[dim].isna().sum())
    if unmapped:
        rows.append(
            {"dimension": dim, "group": "", **empty, "total": 0, "note": f"{unmapped} row(s) have no {dim}"}
        )
    return rows
