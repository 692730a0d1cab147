"""The verdict: one status per target that an evaluator can quote, and what it rests on.

``headline(scorecard, as_of=...)`` turns the per-method rows into one row per target x
indicator x area x sector.  The rules, in order (docs/methodology.md, "Verdicts"):

1. **Proxies of another unit or scope are not judged** (status ``not_judged``).
2. **A target whose period has ended is judged on the figure for that period**,
   never on a projection: ``achieved`` or ``not_achieved``, with the share of the
   baseline-to-target distance travelled.  The evaluation date (``as_of``, else
   today) decides what has ended: a year-end target for T has ended after T-12-31,
   so ``as_of=2021-06-30`` still gives the mid-term view of the 2025 targets.
3. If the period has ended but its figure is not published (yet), the verdict is
   ``not_yet_known``; the methods' statuses stay beside it as estimates.
4. A figure from inside the deadline year (2025-Q1 for a year-end target) gives a
   **provisional** verdict, labelled with its period.
5. **Bounds are intervals.**  A figure published as "more than 1.6" is the interval
   (1.6, ∞): at or past the target, achieved; otherwise the verdict is undetermined
   (``not_yet_known``) and says why.  An upper bound below a higher-is-better
   target is not achieved.  "About" (~) is read as the value and flagged.
6. **Before the deadline**, the verdict is the most cautious method that could judge
   (``status.most_cautious``); a trend through too few points never decides alone.

Every row also says what it rests on: the period of the deciding figure, its lag to
the deadline, the number of data points, the grade of its source (a weak source is
flagged), and the series' recent momentum (:mod:`mic2025.evaluate.momentum`),
which is shown beside the verdict and never changes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from mic2025.evaluate.methods._common import meets
from mic2025.evaluate.momentum import ARROWS, RECENT_YEARS, momentum_code
from mic2025.evaluate.status import (
    ACHIEVED,
    ASCII_SYMBOLS,
    INSUFFICIENT,
    NOT_ACHIEVED,
    NOT_JUDGED,
    NOT_YET_KNOWN,
    SYMBOLS,
    most_cautious,
)

LOWER_BOUNDS = (">", ">=")
UPPER_BOUNDS = ("<", "<=")
WEAK_GRADE = "weak"

HEADLINE_COLUMNS: list[str] = [
    "target", "metric", "indicator", "kind", "owner", "owner_type", "category", "project", "task", "area",
    "sector", "proxy", "status", "status_symbol", "status_ascii", "provisional", "final", "decided_by",
    "rests_on", "unit", "direction", "comparator", "baseline_year", "baseline_value", "target_year",
    "target_value", "target_raw", "approximate", "evidence_period", "evidence_value", "evidence_qualifier",
    "evidence_source", "evidence_grade", "weak_source", "evidence_linked", "lag_years", "n_points",
    "share_travelled", "gap", "momentum", "momentum_symbol", "recent_years", "evaluated_on", "note",
]  # fmt: skip
"""One row per target x indicator x area x sector (``evaluate`` without ``--detail``)."""


def headline(
    scorecard: pd.DataFrame,
    *,
    as_of: dt.date | dt.datetime | str | None = None,
    grades: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One verdict per target x indicator x area x sector (rules in the module doc).

    Parameters
    ----------
    scorecard
        :func:`mic2025.evaluate.evaluate`'s rows.
    as_of
        The evaluation date: what has ended is judged on its figure.  Today if None.
    grades
        Source id → grade (``official_primary`` … ``weak``) for the evidence columns.
    order
        Method order for ties (default: as they appear).
    """
    if scorecard.empty:
        return pd.DataFrame(columns=[*HEADLINE_COLUMNS])
    on = _evaluation_date(as_of)
    heads = most_cautious(scorecard, order=order)
    ended = heads["target_year"].astype(int).map(lambda y: dt.date(y, 12, 31) < on).to_numpy(bool)
    heads = _final(heads, ended)
    heads = _evidence(heads, ended, grades or {})
    heads["evaluated_on"] = on.isoformat()
    heads["status_symbol"] = heads["status"].map(SYMBOLS)
    heads["status_ascii"] = heads["status"].map(ASCII_SYMBOLS)
    # momentum is about recent years: a series that stopped long ago has none
    last_year = pd.to_numeric(heads["recent_years"].astype(str).str.slice(-4), errors="coerce")
    recent = (last_year >= on.year - RECENT_YEARS).to_numpy()
    pace = np.where(recent, heads["recent_pace"].to_numpy(float), np.nan)
    code = momentum_code(pace, heads["direction"].to_numpy(float))
    heads["momentum"] = code
    heads["momentum_symbol"] = [ARROWS[c][0] for c in code]
    method_columns = [
        c for c in heads.columns if c.startswith("status_") and c not in ("status_symbol", "status_ascii")
    ]
    return heads.reindex(columns=[*HEADLINE_COLUMNS, *method_columns]).reset_index(drop=True)


def _evaluation_date(as_of: dt.date | dt.datetime | str | None) -> dt.date:
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, str):
        return dt.date.fromisoformat(as_of[:10])
    return as_of.date() if isinstance(as_of, dt.datetime) else as_of


def _final(heads: pd.DataFrame, ended: np.ndarray) -> pd.DataFrame:
    """Rules 1-5: what an ended period's figure says, or why it says nothing yet."""
    heads = heads.copy()
    d = heads["direction"].to_numpy(float)
    level = np.where(heads["kind"] == "average_annual_growth", heads["target_raw"], heads["target_value"])
    level = np.asarray(level, dtype=float)
    value, met, unmet, known = _deadline_reading(heads, level, d)
    context = heads["not_judged"].fillna(False).to_numpy(bool)
    no_level = np.isnan(level)
    final_status = np.select(
        [no_level, ~known, met, unmet],
        [INSUFFICIENT, NOT_YET_KNOWN, ACHIEVED, NOT_ACHIEVED],
        default=NOT_YET_KNOWN,
    )
    use_final = ended & ~context
    heads["status"] = np.where(context, NOT_JUDGED, np.where(use_final, final_status, heads["status"]))
    heads["final"] = use_final & np.isin(final_status, [ACHIEVED, NOT_ACHIEVED])
    full = heads["deadline_full_year"].fillna(True).astype(bool).to_numpy()
    heads["provisional"] = heads["final"] & ~full
    heads["decided_by"] = np.where(
        use_final, np.where(heads["final"], "deadline figure", ""), heads["decided_by"]
    )
    base = heads["baseline_value"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(
            heads["kind"] == "average_annual_growth", value / level, (value - base) / (level - base)
        )
    heads["share_travelled"] = np.where(heads["final"], share, np.nan)
    heads["note"] = _final_notes(heads, ended & ~context, known, np.isnan(value))
    return heads


def _deadline_reading(
    heads: pd.DataFrame, level: np.ndarray, d: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The deadline figure, whether it meets / misses the target, and whether that is known.

    Interval logic: a lower bound (> or >=) in the good direction meets the target when
    the bound itself does; an upper bound there misses it when the bound itself falls
    short (strictly, for <=); for a lower-is-better indicator the roles swap.
    """
    aag = (heads["kind"] == "average_annual_growth").to_numpy()
    span = heads["target_year"].astype(float) - heads["period_start"].astype(float) + 1
    complete_period = heads["period_n"].astype(float).to_numpy() >= span.to_numpy()
    value = np.where(aag, np.where(complete_period, heads["period_mean"], np.nan), heads["deadline_value"])
    value = np.asarray(value, dtype=float)
    q = np.where(aag, "", heads["deadline_qualifier"].fillna("").astype(str))
    good_bound = np.where(d > 0, np.isin(q, LOWER_BOUNDS), np.isin(q, UPPER_BOUNDS))
    bad_bound = np.where(d > 0, np.isin(q, UPPER_BOUNDS), np.isin(q, LOWER_BOUNDS))
    strict = np.isin(q, (">", "<"))
    meets_level = meets(value, level, d)
    short = ~np.isnan(value) & (d * (value - level) < 0)
    at_level = ~np.isnan(value) & np.isclose(value, level, rtol=1e-9, atol=0)
    met = np.where(bad_bound, False, meets_level)
    unmet = np.where(good_bound, False, np.where(bad_bound, short | (at_level & strict), ~meets_level))
    known = ~np.isnan(value) & (met | unmet)
    return value, met & known, unmet & known, known


def _final_notes(
    heads: pd.DataFrame, final_rows: np.ndarray, known: np.ndarray, missing: np.ndarray
) -> np.ndarray:
    from mic2025.evaluate.notes import join_notes

    n = len(heads)
    q = heads["deadline_qualifier"].fillna("").astype(str).to_numpy()
    parts = [
        (
            final_rows & missing,
            "the figure for the target year is not published yet: method statuses are estimates",
        ),
        (
            final_rows & ~missing & ~known,
            "the figure for the target year is a bound that does not settle the target",
        ),
        (final_rows & (q == "~"), "the deciding figure is approximate"),
        (heads["provisional"].to_numpy(bool), "provisional: the deciding figure covers part of the year"),
        (
            final_rows & heads["deadline_linked"].fillna(False).astype(bool).to_numpy(),
            "the deciding figure is a linked estimate",
        ),
    ]
    extra = join_notes(n, parts)
    # a verdict on the deadline figure rests on no method: keep only the notes on the data
    method_note = heads["note"].fillna("").astype(str).to_numpy()
    data_note = heads["common_note"].fillna("").astype(str).to_numpy()
    base = np.where(final_rows & ~missing, data_note, method_note)
    return np.where(extra == "", base, np.where(base == "", extra, extra + "; " + base)).astype(object)


def _evidence(heads: pd.DataFrame, ended: np.ndarray, grades: Mapping[str, str]) -> pd.DataFrame:
    """What each verdict rests on: the figure, its period, lag, points, source grade.

    The baseline itself is never shown as a latest figure (a series with nothing after
    its base year rests on nothing yet), and an average-growth target rests on the
    mean growth of the years observed in its period, not on a single year.
    """
    final = heads["final"].to_numpy(bool)
    use_deadline = ended & heads["deadline_value"].notna().to_numpy()
    # the newest figure published (a bound included), unless it is the baseline itself
    after_base = (heads["newest_year"].astype(float) > heads["baseline_year"].astype(float)).to_numpy()
    aag = (heads["kind"] == "average_annual_growth").to_numpy()
    first, last = heads["period_first"].map(_year_text), heads["latest_year"].map(_year_text)
    span = np.where(first == last, last, first + "–" + last)

    def pick(deadline: str, newest: str, empty: object) -> np.ndarray:
        return np.where(use_deadline, heads[deadline], np.where(after_base, heads[newest], empty))

    heads["evidence_value"] = np.where(
        aag, heads["period_mean"], pick("deadline_value", "newest_value", np.nan)
    )
    heads["evidence_period"] = np.where(
        aag & heads["period_mean"].notna(), span, pick("deadline_period", "newest_period", "")
    )
    heads["evidence_qualifier"] = np.where(aag, "", pick("deadline_qualifier", "newest_qualifier", ""))
    heads["evidence_source"] = np.where(
        aag, heads["latest_source"], pick("deadline_source", "newest_source", "")
    )
    heads["evidence_linked"] = np.where(aag, False, pick("deadline_linked", "newest_linked", False))
    heads["evidence_grade"] = heads["evidence_source"].map(
        lambda s: grades.get(s, "") if isinstance(s, str) else ""
    )
    heads["weak_source"] = heads["evidence_grade"].eq(WEAK_GRADE)
    year = pd.to_numeric(heads["evidence_period"].astype(str).str.slice(0, 4), errors="coerce")
    year = np.where(aag, heads["latest_year"].astype(float), year)
    heads["lag_years"] = heads["target_year"].astype(float) - year
    heads["n_points"] = (heads["n_obs"].fillna(0) + heads["n_bounds"].fillna(0)).astype(int)
    heads["rests_on"] = np.select(
        [final, heads["status"].isin([NOT_JUDGED]), heads["decided_by"].fillna("") != ""],
        ["deadline figure", "", "method"],
        default="",
    )
    return heads


def _year_text(value: object) -> str:
    return "" if pd.isna(value) else str(int(value))


def count_by_status(heads: pd.DataFrame, *, include_proxies: bool = False) -> dict[str, int]:
    """Targets per status: one count per target, proxies left out (they would count twice).

    Every publication (CLI summary, roll-ups, API, reports) counts with this function,
    so they give the same numbers for the same choices.
    """
    from mic2025.evaluate.status import STATUSES

    rows = heads if include_proxies else heads[~heads["proxy"].astype(bool)]
    counts = rows["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}
