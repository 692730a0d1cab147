"""Target paths: the value each year would need to take to reach the target on time.

The path is the one the growth-ratio method measures progress against: compound growth
from the baseline to the target level (on the distance to a natural upper bound when the
indicator has one), or a straight line when a compound rate is undefined (a zero or
negative baseline or target).  Charts draw it; nothing else should recompute it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PATH_COLUMNS = ["target", "indicator", "area", "sector", "year", "value"]


def target_paths(scorecard: pd.DataFrame, upper_bounds: dict[str, float] | None = None) -> pd.DataFrame:
    """One row per target × indicator × area × sector × year from base year to target year.

    ``upper_bounds`` maps indicator ids to their natural limit (``Indicator.upper_bound``)
    so the path bends the same way the growth-ratio method measures progress.
    """
    keys = ["target", "indicator", "area", "sector"]
    rows = scorecard.drop_duplicates(keys)
    rows = rows[rows["baseline_value"].notna() & rows["target_value"].notna()]
    rows = rows[rows["target_year"] > rows["baseline_year"]]
    if rows.empty:
        return pd.DataFrame(columns=PATH_COLUMNS)
    b = rows["baseline_year"].to_numpy(float)
    T = rows["target_year"].to_numpy(float)
    yb = rows["baseline_value"].to_numpy(float)
    L = rows["target_value"].to_numpy(float)
    U = rows["indicator"].map(upper_bounds or {}).to_numpy(float)
    limit = ~np.isnan(U) & (yb < L)  # rising towards a ceiling: compound on the distance left
    zb, zl = np.where(limit, U - yb, yb), np.where(limit, U - L, L)
    compound = (zb > 0) & (zl > 0)

    spans = (T - b).astype(int)
    index = np.repeat(np.arange(len(rows)), spans + 1)
    step = np.concatenate([np.arange(n + 1) for n in spans])
    share = step / spans[index]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = zb[index] * np.power(zl[index] / zb[index], share)
    value = np.where(
        compound[index],
        np.where(limit[index], U[index] - z, z),
        yb[index] + (L[index] - yb[index]) * share,
    )
    out = rows[keys].iloc[index].reset_index(drop=True)
    out["year"] = (b[index] + step).astype(int)
    out["value"] = value
    return out[PATH_COLUMNS]
