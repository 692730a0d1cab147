"""Status classes of a target's progress, their symbols, and the headline rule.

Statuses are stable machine codes (``on_track``) so that reports can translate them;
each has a Unicode symbol and a plain-ASCII fallback because the scorecard must be
readable without colour and on terminals that cannot draw the symbols.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

ACHIEVED = "achieved"
ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
STAGNATING = "stagnating"
REGRESSING = "regressing"
INSUFFICIENT = "insufficient_data"

STATUSES: tuple[str, ...] = (
    ACHIEVED,
    ON_TRACK,
    NEEDS_ACCELERATION,
    STAGNATING,
    REGRESSING,
    INSUFFICIENT,
)
"""Every status, best first; ``insufficient_data`` is not a judgement and comes last."""

STATUS_RANK: dict[str, int] = {
    ACHIEVED: 5,
    ON_TRACK: 4,
    NEEDS_ACCELERATION: 3,
    STAGNATING: 2,
    REGRESSING: 1,
}
"""Order of the judged statuses (higher is better); insufficient data has no rank."""

SYMBOLS: dict[str, str] = {
    ACHIEVED: "✔",
    ON_TRACK: "↑",
    NEEDS_ACCELERATION: "→",
    STAGNATING: "⋯",
    REGRESSING: "↓",
    INSUFFICIENT: "?",
}

ASCII_SYMBOLS: dict[str, str] = {
    ACHIEVED: "OK",
    ON_TRACK: "^",
    NEEDS_ACCELERATION: "->",
    STAGNATING: "..",
    REGRESSING: "v",
    INSUFFICIENT: "?",
}

def status_label(status: str, lang: str = "en") -> str:
    """The status word in ``lang`` from the catalogues (English per string when missing)."""
    from mic2025.i18n import translator
    from mic2025.vocabulary import STATUS_WORDS

    return translator(lang)(STATUS_WORDS[status])


def classify(ratio: np.ndarray, high: float, medium: float, low: float = 0.0) -> np.ndarray:
    """Vectorised threshold classification shared by the ratio methods.

    ``ratio >= high`` on track, ``medium <= ratio < high`` needs acceleration,
    ``low <= ratio < medium`` stagnating, below ``low`` regressing, NaN insufficient.
    """
    r = np.asarray(ratio, dtype=float)
    out = np.select(
        [np.isnan(r), r >= high, r >= medium, r >= low],
        [INSUFFICIENT, ON_TRACK, NEEDS_ACCELERATION, STAGNATING],
        default=REGRESSING,
    )
    return out.astype(object)


HEADLINE_KEYS: tuple[str, ...] = ("target", "indicator", "area", "sector")


def headline(scorecard: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """One headline status per target x indicator x area x sector: the most cautious.

    Rule: among the methods that could judge (status other than insufficient data),
    the headline is the *worst* status, and ``decided_by`` names the method that gave
    it (ties go to the first method in ``order``: growth_ratio, unsd_gap, trend).  So a
    target is never shown better than any method that could assess it; if no method
    could, the headline is insufficient data.  Each method's own status stays in a
    ``status_<method>`` column so nothing is hidden.
    """
    if scorecard.empty:
        return scorecard.copy()
    methods = list(order) if order else list(dict.fromkeys(scorecard["method"]))
    frame = scorecard.copy()
    frame["_rank"] = frame["status"].map(STATUS_RANK).astype(float)
    frame["_morder"] = frame["method"].map({m: i for i, m in enumerate(methods)})
    frame["_judged"] = frame["_rank"].notna()
    frame = frame.sort_values(
        [*HEADLINE_KEYS, "_judged", "_rank", "_morder"],
        ascending=[True, True, True, True, False, True, True],
        kind="mergesort",
    )
    best = frame.groupby(list(HEADLINE_KEYS), sort=True, dropna=False).head(1).copy()
    best["decided_by"] = np.where(best["_judged"], best["method"], "")
    wide = scorecard.pivot_table(
        index=list(HEADLINE_KEYS), columns="method", values="status", aggfunc="first"
    )
    wide.columns = [f"status_{m}" for m in wide.columns]
    best = best.drop(columns=["_rank", "_morder", "_judged"]).merge(
        wide.reset_index(), on=list(HEADLINE_KEYS), how="left"
    )
    best["method"] = "headline"
    return best.reset_index(drop=True)
