"""Read the strategy's three steps off an index result.

Made in China 2025 sets: by 2025 *enter the ranks* of manufacturing powers, by 2035
reach the *middle* of them, by 2049 the *front*.  We operationalise this against the
spec's powerhouse group (for the CAE spec: USA, DEU, JPN, GBR, FRA, KOR): China's rank
among the group plus China must be at most ``max_rank_in_group`` (7 economies: 6 = not
below the weakest powerhouse, 4 = the median position, 2 = at most one ahead).  The rule
is rank-based, so it applies to any normalisation; tiers are reported alongside.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.index.spec import IndexSpec


def group_rank(own: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Rank of ``own`` among itself and ``group`` (last axis), 1 = best; NaN if unscored.

    ``own`` has shape (...), ``group`` (..., g).  A group member without a score is
    ignored (the comparison is among economies that were scored).
    """
    with np.errstate(invalid="ignore"):
        ahead = (group > own[..., None]).sum(axis=-1)
    return np.where(np.isnan(own), np.nan, 1.0 + ahead)


def read_steps(spec: IndexSpec, scores: pd.DataFrame) -> pd.DataFrame:
    """Per year: China's score, rank in group, tier, and which milestone rules are met."""
    if spec.steps is None:
        return pd.DataFrame()
    st = spec.steps
    wide = scores.pivot_table(index="year", columns="country", values="score", dropna=False)
    members = [c for c in st.group if c in wide.columns and c != st.country]
    if st.country not in wide.columns:
        return pd.DataFrame()
    own = wide[st.country].to_numpy(float)
    grp = wide[members].to_numpy(float)
    rank = group_rank(own, grp)
    tiers = scores[scores["country"] == st.country].set_index("year")["tier"]
    n_scored = (~np.isnan(grp)).sum(axis=1)
    out = pd.DataFrame(
        {
            "year": wide.index.to_numpy(int),
            "country": st.country,
            "score": own,
            "rank_in_group": rank,
            "group_scored": n_scored,
            "group_min": _nan_stat(np.nanmin, grp),
            "group_median": _nan_stat(np.nanmedian, grp),
            "group_max": _nan_stat(np.nanmax, grp),
            "tier": tiers.reindex(wide.index).to_numpy(),
        }
    )
    for m in st.milestones:
        col = f"reached_{m.year}"
        out[col] = np.where(np.isnan(rank), None, rank <= m.max_rank_in_group)
    return out


def _nan_stat(fn: object, a: np.ndarray) -> np.ndarray:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fn(a, axis=1)  # type: ignore[operator]
