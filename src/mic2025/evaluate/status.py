"""The statuses a target can have: one table, read by the engine and every publication.

A status is a stable machine code (``on_track``) with its word (marked for the message
catalogues), a Unicode symbol and a plain-ASCII fallback (so a verdict is never shown
by colour alone, and reads on any terminal), a colour, and its *kind*:

* ``forward`` statuses judge a target whose deadline has not passed, from the pace of
  progress (the methods' grades);
* ``final`` statuses judge a target whose deadline has passed, from the figure for the
  deadline period: achieved or not achieved (``achieved`` is also given early, when a
  figure already meets the target before the deadline);
* ``open`` statuses say why there is no judgement: the deadline passed but the figure
  is not published yet, there are too few data, or the row is a proxy of another scope.

Colours reach 4.5:1 contrast on white (WCAG AA for text), so the same colour serves
charts, reports and the dashboard.  Adding a status is one row here (and its
catalogue entries).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
from mic2025.vocabulary import N_


@dataclass(frozen=True)
class Status:
    """One status: code, word (English msgid), symbols, colour, kind and rank.

    ``rank`` orders judgements (higher is better); statuses that are not judgements
    (``open``) have none.
    """

    code: str
    word: str
    symbol: str
    ascii: str
    colour: str
    kind: Literal["forward", "final", "open"]
    rank: int | None


TABLE: tuple[Status, ...] = (
    Status("achieved", N_("achieved"), "✔", "OK", "#1a7f37", "final", 6),
    Status("on_track", N_("on track"), "↑", "^", "#2f7d1e", "forward", 5),
    Status("needs_acceleration", N_("needs acceleration"), "→", "->", "#8a6100", "forward", 4),
    Status("stagnating", N_("stagnating"), "⋯", "..", "#a04a00", "forward", 3),
    Status("regressing", N_("regressing"), "↓", "v", "#b42318", "forward", 2),
    Status("not_achieved", N_("not achieved"), "✘", "X", "#7a1a0e", "final", 1),
    Status("not_yet_known", N_("not yet known"), "…", "...", "#3d5f87", "open", None),
    Status("insufficient_data", N_("insufficient data"), "?", "?", "#57606a", "open", None),
    Status("not_judged", N_("not judged (context)"), "–", "-", "#6e7781", "open", None),
)
"""Every status, best judgement first; the open ones last."""

BY_CODE: dict[str, Status] = {s.code: s for s in TABLE}
STATUSES: tuple[str, ...] = tuple(s.code for s in TABLE)
METHOD_STATUSES: tuple[str, ...] = (
    "achieved", "on_track", "needs_acceleration", "stagnating", "regressing", "insufficient_data",
    "not_judged",
)  # fmt: skip
"""What a single method can say: it grades pace; deadlines are the verdict's business."""

ACHIEVED, ON_TRACK, NEEDS_ACCELERATION, STAGNATING, REGRESSING = STATUSES[:5]
NOT_ACHIEVED, NOT_YET_KNOWN, INSUFFICIENT, NOT_JUDGED = STATUSES[5:]

STATUS_RANK: dict[str, int] = {s.code: s.rank for s in TABLE if s.rank is not None}
SYMBOLS: dict[str, str] = {s.code: s.symbol for s in TABLE}
ASCII_SYMBOLS: dict[str, str] = {s.code: s.ascii for s in TABLE}
COLOURS: dict[str, str] = {s.code: s.colour for s in TABLE}
WORDS: dict[str, str] = {s.code: s.word for s in TABLE}


def status_label(status: str, lang: str = "en") -> str:
    """The status word in ``lang`` from the catalogues (English per string when missing)."""
    from mic2025.i18n import translator

    return translator(lang)(WORDS[status])


def classify(ratio: np.ndarray, high: float, medium: float, low: float = 0.0) -> np.ndarray:
    """Vectorised threshold grading shared by the ratio methods.

    ``ratio >= high`` on track, ``medium <= ratio < high`` needs acceleration,
    ``low <= ratio < medium`` stagnating, below ``low`` regressing, NaN insufficient.
    """
    import numpy as np

    r = np.asarray(ratio, dtype=float)
    out = np.select(
        [np.isnan(r), r >= high, r >= medium, r >= low],
        [INSUFFICIENT, ON_TRACK, NEEDS_ACCELERATION, STAGNATING],
        default=REGRESSING,
    )
    return out.astype(object)


HEADLINE_KEYS: tuple[str, ...] = ("target", "indicator", "area", "sector")


def most_cautious(scorecard: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per target x indicator x area x sector: the most cautious *method*.

    Among the methods that could judge, the worst status wins and ``decided_by`` names
    the method (ties go to the first in ``order``); each method's own status stays in a
    ``status_<method>`` column.  A method flagged ``weak`` (a trend on too few points)
    is shown but never decides.  This is the forward-looking half of the verdict; the
    deadline rules in :mod:`mic2025.evaluate.verdict` come on top.
    """
    import numpy as np
    import pandas as pd

    if scorecard.empty:
        return scorecard.copy()
    methods = list(order) if order else list(dict.fromkeys(scorecard["method"]))
    frame = scorecard.copy()
    weak = (
        frame["weak"].fillna(False).astype(bool) if "weak" in frame.columns else pd.Series(False, frame.index)
    )
    frame["_rank"] = frame["status"].map(STATUS_RANK).astype(float).where(~weak)
    frame["_morder"] = frame["method"].map({m: i for i, m in enumerate(methods)})
    frame["_judged"] = frame["_rank"].notna()
    frame = frame.sort_values(
        [*HEADLINE_KEYS, "_judged", "_rank", "_morder"],
        ascending=[True, True, True, True, False, True, True],
        kind="mergesort",
    )
    best = frame.groupby(list(HEADLINE_KEYS), sort=True, dropna=False).head(1).copy()
    best["decided_by"] = np.where(best["_judged"], best["method"], "")
    best["status"] = np.where(best["_judged"], best["status"], _open_status(best))
    wide = scorecard.pivot_table(
        index=list(HEADLINE_KEYS), columns="method", values="status", aggfunc="first"
    )
    wide.columns = [f"status_{m}" for m in wide.columns]
    best = best.drop(columns=["_rank", "_morder", "_judged"]).merge(
        wide.reset_index(), on=list(HEADLINE_KEYS), how="left"
    )
    best["method"] = "headline"
    return best.reset_index(drop=True)


def _open_status(rows: pd.DataFrame) -> np.ndarray:
    """Why no method judged: a proxy of another scope, else too little data."""
    import numpy as np

    return np.where(rows["status"] == NOT_JUDGED, NOT_JUDGED, INSUFFICIENT)
