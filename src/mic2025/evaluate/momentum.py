"""Momentum: which way a series has been moving lately, shown beside the verdict.

A verdict says where a target stands against its deadline; momentum says where the
indicator is heading, as the SDSN Sustainable Development Report shows a trend arrow
beside its dashboard colour.  They answer different questions and are never mixed: a
target can be "not achieved" with improving momentum.

Rule: the least-squares slope of the last ``RECENT_YEARS`` annual values (at least two
distinct years; figures that are bounds are left out), as a percentage of the mean
absolute level, per year.  In the indicator's good direction, a pace of at least
``DEADBAND`` % a year is *improving*, at most −``DEADBAND`` % *worsening*, anything
between *flat*.  Fewer than two values: no momentum.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.evaluate.series import SERIES_KEY

RECENT_YEARS = 5
DEADBAND = 1.0
"""Percent of the level per year below which a series counts as flat."""
BOUNDS = (">", ">=", "<", "<=")

ARROWS: dict[str, tuple[str, str]] = {
    "improving": ("↗", "/"),
    "flat": ("→", "-"),
    "worsening": ("↘", "\\"),
    "": ("", ""),
}
"""Momentum code → (symbol, ASCII symbol)."""


def momentum(annual: pd.DataFrame) -> pd.DataFrame:
    """Per series: ``recent_pace`` (% of the level a year), ``recent_years``, ``recent_n``."""
    rows = annual[~annual["qualifier"].fillna("").isin(BOUNDS)][[*SERIES_KEY, "year", "value"]]
    if rows.empty:
        return pd.DataFrame(columns=[*SERIES_KEY, "recent_pace", "recent_years", "recent_n"])
    last = rows.groupby(SERIES_KEY)["year"].transform("max")
    rows = rows[rows["year"] > last - RECENT_YEARS].copy()
    g = rows.groupby(SERIES_KEY)
    rows["dx"] = rows["year"] - g["year"].transform("mean")
    rows["dy"] = rows["value"] - g["value"].transform("mean")
    rows["dxy"], rows["dxx"], rows["ay"] = rows["dx"] * rows["dy"], rows["dx"] ** 2, rows["value"].abs()
    sums = rows.groupby(SERIES_KEY).agg(
        sxy=("dxy", "sum"), sxx=("dxx", "sum"), level=("ay", "mean"), first=("year", "min"),
        last=("year", "max"), n=("year", "size"),
    )  # fmt: skip
    with np.errstate(divide="ignore", invalid="ignore"):
        pace = 100 * (sums["sxy"] / sums["sxx"]) / sums["level"]
    ok = (sums["sxx"] > 0) & (sums["level"] > 0)
    out = pd.DataFrame(
        {
            "recent_pace": np.where(ok, pace, np.nan),
            "recent_years": np.where(ok, sums["first"].astype(str) + "-" + sums["last"].astype(str), ""),
            "recent_n": sums["n"].astype(float),
        },
        index=sums.index,
    )
    return out.reset_index()


def momentum_code(pace: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """improving / flat / worsening ('' when unknown), in the indicator's good direction."""
    good = np.asarray(direction, dtype=float) * np.asarray(pace, dtype=float)
    return np.select(
        [np.isnan(good), good >= DEADBAND, good <= -DEADBAND], ["", "improving", "worsening"], default="flat"
    ).astype(object)
