"""Roll-ups: counts of targets by status per category, project, task and sector.

Never an average: a failing target stays visible as one count in its group.  The
roll-up counts *headline* statuses (one per target x indicator x area x sector, the
most cautious method; see ``status.headline``) unless a method is named.
"""

from __future__ import annotations

import pandas as pd

from mic2025.evaluate.status import STATUSES, headline

DIMENSIONS: tuple[str, ...] = ("category", "project", "task", "sector")


def rollup(
    scorecard: pd.DataFrame,
    by: tuple[str, ...] | list[str] = DIMENSIONS,
    method: str | None = None,
    include_proxies: bool = False,
) -> pd.DataFrame:
    """Counts by status for each group of each dimension in ``by``.

    Returns a long frame: dimension, group, one column per status, total, note.
    Proxy rows are left out unless ``include_proxies`` (they would count a target
    twice).  A dimension the plan does not map (no indicator names a task yet) gives
    one row with an empty group and a note saying so, instead of silently vanishing.
    """
    frame = scorecard if method is None else scorecard[scorecard["method"] == method]
    if method is None and not frame.empty:
        frame = headline(frame)
    if not include_proxies and not frame.empty:
        frame = frame[~frame["proxy"].astype(bool)]
    out = []
    for dim in by:
        if dim not in frame.columns or frame[dim].isna().all():
            out.append(
                {
                    "dimension": dim,
                    "group": "",
                    **dict.fromkeys(STATUSES, 0),
                    "total": 0,
                    "note": f"the plan maps no target to a {dim}: no roll-up by {dim}",
                }
            )
            continue
        mapped = frame[frame[dim].notna()]
        counts = pd.crosstab(mapped[dim], mapped["status"]).reindex(columns=list(STATUSES), fill_value=0)
        unmapped = int(frame[dim].isna().sum())
        for group, row in counts.iterrows():
            out.append(
                {
                    "dimension": dim,
                    "group": str(group),
                    **{s: int(row[s]) for s in STATUSES},
                    "total": int(row.sum()),
                    "note": "",
                }
            )
        if unmapped:
            out.append(
                {
                    "dimension": dim,
                    "group": "",
                    **dict.fromkeys(STATUSES, 0),
                    "total": 0,
                    "note": f"{unmapped} row(s) have no {dim}",
                }
            )
    return pd.DataFrame(out, columns=["dimension", "group", *STATUSES, "total", "note"])
