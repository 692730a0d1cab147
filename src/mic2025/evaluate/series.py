"""Turn store observations into the annual series the methods compare with targets.

Steps, each chosen so that an evaluation can be reproduced and explained:

1. ``as_of``: keep only vintages published on or before the date, then the latest
   vintage per observation key, so a 2021 review sees exactly what was public then.
2. Units: rows whose unit differs from the indicator's are dropped and counted, never
   converted silently.
3. Aggregates only: rows with an ``entity`` (enterprise, project unit) are not mixed
   into area totals.  A missing sector means ``_T`` (all manufacturing).
4. Annualise: a year's value is its annual observation (``2019``) when there is one,
   otherwise the last sub-annual period of that year (``2019-Q4`` or ``2019-12``, or
   the latest one published such as ``2019-Q3``), because the strategy's targets are
   end-of-year levels.  Reordering rows never changes the pick.
5. Breaks: a ``B`` (break in series) status marks the first value of a new series;
   per target the values before the latest break are not used (see ``scorecard``).
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

KEY = ["indicator", "area", "sector", "entity", "period"]
TOTAL_SECTOR = "_T"
SERIES_KEY = ["indicator", "area", "sector"]


def as_of_filter(observations: pd.DataFrame, as_of: date | datetime | str | None) -> pd.DataFrame:
    """Observations in force at ``as_of``: latest vintage published on or before it.

    Without ``as_of`` the latest vintage of each key is kept (a no-op on store output).
    """
    obs = observations
    if "vintage" not in obs.columns:
        if as_of is not None:
            raise ValueError("as_of needs a 'vintage' column in the observations")
        return obs
    vintage = pd.to_datetime(obs["vintage"], utc=False, errors="coerce")
    if getattr(vintage.dt, "tz", None) is not None:
        vintage = vintage.dt.tz_localize(None)
    obs = obs.assign(_vintage=vintage)
    if as_of is not None:
        cutoff = pd.Timestamp(as_of)
        if cutoff == cutoff.normalize():  # a date: the whole day counts as published by then
            cutoff = cutoff + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
        obs = obs[obs["_vintage"] <= cutoff]
    keys = [k for k in KEY if k in obs.columns]
    tiebreak = [c for c in ("value", "status") if c in obs.columns]  # same-vintage duplicates
    obs = obs.sort_values([*keys, "_vintage", *tiebreak], kind="mergesort", na_position="first")
    obs = obs.drop_duplicates(keys, keep="last")
    return obs.drop(columns="_vintage")


def _period_parts(period: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(year, rank within year): annual 13, quarter n -> 3n, month m -> m."""
    text = period.astype(str).str.strip()
    year = pd.to_numeric(text.str.slice(0, 4), errors="coerce")
    rest = text.str.slice(4)
    quarter = pd.to_numeric(rest.str.extract(r"^-?Q([1-4])$", expand=False), errors="coerce")
    month = pd.to_numeric(rest.str.extract(r"^-(\d{2})$", expand=False), errors="coerce")
    rank = np.where(rest == "", 13.0, np.where(quarter.notna(), quarter * 3, month))
    return year.to_numpy(dtype=float), np.asarray(rank, dtype=float)


def normalise(observations: pd.DataFrame, units: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean rows for the indicators in ``units`` (indicator id -> unit).

    Returns the usable rows (indicator, area, sector, period, value, status) and a
    frame counting rows dropped for a wrong unit per indicator/area/sector.
    """
    cols = [
        "indicator",
        "area",
        "sector",
        "entity",
        "period",
        "value",
        "unit",
        "status",
        "qualifier",
        "source",
    ]
    obs = observations.reindex(columns=[*cols, "vintage"] if "vintage" in observations else cols)
    obs = obs[obs["indicator"].isin(list(units))]
    entity = obs["entity"].astype("string").fillna("").str.strip()
    obs = obs[entity == ""]
    sector = obs["sector"].astype("string").fillna("").str.strip()
    obs = obs.assign(
        sector=sector.mask(sector == "", TOTAL_SECTOR).astype(object),
        area=obs["area"].astype(str),
        value=pd.to_numeric(obs["value"], errors="coerce"),
        qualifier=obs["qualifier"].astype("string").fillna("").astype(object),
        source=obs["source"].astype("string").fillna("").astype(object),
    )
    obs = obs[obs["value"].notna()]
    expected = obs["indicator"].map(units)
    wrong = obs["unit"].astype("string").fillna("") != expected
    dropped = obs[wrong].groupby(SERIES_KEY, as_index=False).size().rename(columns={"size": "n_wrong_unit"})
    return obs[~wrong].drop(columns=["unit"]), dropped


ANNUAL_COLUMNS = [
    *SERIES_KEY,
    "year",
    "period",
    "value",
    "is_break",
    "full_year",
    "qualifier",
    "status",
    "source",
]


def annualise(obs: pd.DataFrame) -> pd.DataFrame:
    """One value per indicator/area/sector/year (see module doc), with a break flag.

    ``is_break`` is true when the picked value, or any period of that year, carries
    status ``B``: a break anywhere in a year makes that year the first of the new series.
    ``full_year`` is false when the pick covers only part of the year (2025-Q1, 2025-06):
    a verdict resting on it is provisional.
    """
    year, rank = _period_parts(obs["period"])
    frame = obs.assign(year=year, _rank=rank, _brk=obs["status"].astype("string").fillna("") == "B")
    frame = frame[frame["year"].notna() & frame["_rank"].notna()]
    frame = frame.sort_values([*SERIES_KEY, "year", "_rank", "period", "value"], kind="mergesort")
    brk = frame.groupby([*SERIES_KEY, "year"], sort=False)["_brk"].transform("max")
    frame = frame.assign(is_break=brk)
    last = frame.drop_duplicates([*SERIES_KEY, "year"], keep="last")
    out = last.assign(full_year=last["_rank"] >= 12)
    out = out.reindex(columns=ANNUAL_COLUMNS)
    out["qualifier"] = out["qualifier"].fillna("")
    out["year"] = out["year"].astype(int)
    return out.reset_index(drop=True)
