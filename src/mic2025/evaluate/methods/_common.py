"""What every method shares: the prepared inputs as arrays, precedence rules, output shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from mic2025.evaluate.status import ACHIEVED, INSUFFICIENT, NOT_JUDGED, ON_TRACK, REGRESSING

AAG = "average_annual_growth"

RESULT_COLUMNS: tuple[str, ...] = (
    "status", "decided_by", "progress_ratio", "required_annual_change", "actual_annual_change",
    "change_basis", "distance_share", "time_share", "projected_value", "pi_low", "pi_high", "prob_meet",
    "years_used", "n_years_used", "weak", "note",
)  # fmt: skip
"""What ``assess`` returns for every prepared row, whatever the method."""


class Words(Protocol):
    """What a method's ``explain`` needs from a publication: numbers and words in one language."""

    _: Callable[[str], str]

    def num(self, value: object, digits: int = 3) -> str: ...

    def pct(self, value: object) -> str: ...


def col(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A numeric column as a float array (NaN for missing)."""
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def meets(value: np.ndarray, level: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """True where ``value`` is at or past ``level`` in the desired direction.

    A relative tolerance of 1e-9 keeps 82.0 == 82.0000000001 from being a miss.
    """
    tol = 1e-9 * np.maximum(1.0, np.abs(level))
    with np.errstate(invalid="ignore"):
        return np.nan_to_num(direction * (value - level), nan=-np.inf) >= -tol


def span(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """'2015-2019' style labels of the years a method used ('' when unknown)."""
    ok = ~(np.isnan(first) | np.isnan(last))
    a = pd.Series(np.where(ok, first, 0)).astype(int).astype(str)
    b = pd.Series(np.where(ok, last, 0)).astype(int).astype(str)
    return np.where(ok, a + "-" + b, "").astype(object)


def clip_to_range(value: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``value`` kept inside the indicator's natural range, and where it had to be."""
    with np.errstate(invalid="ignore"):
        clipped = np.minimum(np.maximum(value, low), high)
        moved = ~np.isnan(value) & (clipped != value)
    return clipped, moved


@dataclass(frozen=True)
class Prepared:
    """The columns every method reads, as float arrays (one element per prepared row)."""

    n: int
    aag: np.ndarray  # target kind is average annual growth
    d: np.ndarray  # +1 higher is better, -1 lower is better
    U: np.ndarray  # natural upper bound (NaN when none)
    low: np.ndarray  # natural range of the indicator's values
    high: np.ndarray
    yb: np.ndarray  # baseline value
    yt: np.ndarray  # latest exact value
    L: np.ndarray  # target level
    b: np.ndarray  # baseline year
    t: np.ndarray  # latest year
    T: np.ndarray  # target year
    raw: np.ndarray  # target as stated (growth rate for average annual growth)
    mean_g: np.ndarray  # mean observed growth over the plan period so far
    blocked: np.ndarray  # row cannot be judged for a reason found earlier
    context: np.ndarray  # proxy of another unit or scope: shown, never judged


def prepared(p: pd.DataFrame) -> Prepared:
    return Prepared(
        n=len(p),
        aag=p["kind"].to_numpy(dtype=object) == AAG,
        d=col(p, "direction"),
        U=col(p, "upper_bound"),
        low=col(p, "range_low"),
        high=col(p, "range_high"),
        yb=col(p, "baseline_value"),
        yt=col(p, "latest_value"),
        L=col(p, "target_value"),
        b=col(p, "baseline_year"),
        t=col(p, "latest_year"),
        T=col(p, "target_year"),
        raw=col(p, "target_raw"),
        mean_g=col(p, "period_mean"),
        blocked=p["reason"].to_numpy(dtype=object) != "",
        context=p["not_judged"].to_numpy(dtype=bool),
    )


@dataclass(frozen=True)
class BaselineChecks:
    """Why a baseline-to-latest method cannot judge a row, and whether nothing is left to do.

    The growth ratio, the projected gap share and the time-elapsed ratio all measure
    progress from the plan's baseline, so they refuse the same rows for the same reasons
    and say so in the same words.
    """

    missing_base: np.ndarray  # no baseline value for the base year
    too_short: np.ndarray  # no observation after the base year
    no_period: np.ndarray  # average growth: no growth figure in the plan period yet
    met_base: np.ndarray  # the target was already met at the base year

    def insufficient(self, x: Prepared, undefined: np.ndarray) -> np.ndarray:
        """Rows the method cannot judge: blocked earlier, one of the checks, or ``undefined``."""
        return x.blocked | self.missing_base | self.too_short | self.no_period | undefined

    def notes(self, x: Prepared) -> list[tuple[np.ndarray, str]]:
        """The data-check notes, for rows not already blocked for another reason."""
        return [
            (self.missing_base & ~x.blocked, "no baseline value for the base year"),
            (self.too_short & ~x.blocked, "no observation after the base year"),
            (self.no_period & ~x.blocked, "no growth observation in the plan period"),
        ]


def baseline_checks(x: Prepared) -> BaselineChecks:
    missing_base = ~x.aag & np.isnan(x.yb)
    return BaselineChecks(
        missing_base=missing_base,
        too_short=~x.aag & ~missing_base & ~(x.t > x.b),
        no_period=x.aag & np.isnan(x.mean_g),
        met_base=~x.aag & (x.d * (x.L - x.yb) <= 0),
    )


@dataclass(frozen=True)
class Verdict:
    status: np.ndarray
    insufficient: np.ndarray
    achieved: np.ndarray
    complete: np.ndarray
    decided_by: np.ndarray


def verdict(
    x: Prepared,
    graded: np.ndarray,
    *,
    name: str,
    insufficient: np.ndarray,
    met_reference: np.ndarray,
    growth_for_ceiling: np.ndarray,
) -> Verdict:
    """The rules every method shares on top of its own graded status.

    In order of precedence: a proxy of another scope is not judged; no judgement
    without data (except that a target already met needs none); achieved when the
    latest value is past the target (or, for an average-growth target, the completed
    period's mean meets it); a "growth ceiling" target (growth must stay at or below a
    rate) is on track or regressing; a target met at the reference year but not now is
    regressing; else the method's grade.
    """
    complete = x.t >= x.T
    achieved = np.where(x.aag, complete & meets(x.mean_g, x.raw, x.d), meets(x.yt, x.L, x.d))
    insufficient = insufficient & ~(achieved & ~x.blocked)
    status = np.where(met_reference, REGRESSING, graded)
    ceiling = x.aag & (x.d * x.raw <= 0)
    ceiling_met = meets(growth_for_ceiling, x.raw, x.d)
    status = np.where(ceiling, np.where(ceiling_met, ON_TRACK, REGRESSING), status)
    status = np.where(achieved, ACHIEVED, status)
    status = np.where(insufficient, INSUFFICIENT, status)
    status = np.where(x.context, NOT_JUDGED, status)
    decided = np.where(
        x.context,
        "",
        np.where(insufficient, "data check", np.where(achieved, "latest value vs target", name)),
    )
    return Verdict(status, insufficient | x.context, achieved & ~x.context, complete, decided)


def result(index: pd.Index, **columns: object) -> pd.DataFrame:
    """A method's result frame: every :data:`RESULT_COLUMNS` column (NaN where not given)."""
    unknown = set(columns) - set(RESULT_COLUMNS)
    if unknown:
        raise ValueError(f"unknown result columns {sorted(unknown)}")
    data = {c: columns.get(c, np.nan) for c in RESULT_COLUMNS}
    if "weak" not in columns:
        data["weak"] = False
    return pd.DataFrame(data, index=index)
