"""Does the index reproduce a published ranking?  Only then is its steps reading stated.

An index built from open data is a model of a real index (UNIDO's Competitive
Industrial Performance, CAE's Manufacturing Power Development Index), not the index
itself.  Reading the strategy's three steps off it ("China entered the ranks of the
manufacturing powers in 2011") is a claim about the world; it is only as good as the
index's agreement with the published ranking it imitates.

Rule: for each reference year of the published ranks (``data/international``), the
index year used is that year, or the nearest computed year at most
``YEAR_TOLERANCE`` away (stated).  Spearman's rank correlation ``rho`` is taken over
the countries ranked by both (world ranks are compared as ranks).  A year with fewer
than ``MIN_COUNTRIES`` countries in common says nothing and is listed but not used.
The steps reading is *supported* when at least one year is usable, every usable
year has ``rho >= RHO_SUPPORT``, and — because the steps are read off one country's
position (China's, among the powerhouse group) — that country's place among the
countries in common is within ``MAX_PLACE_SHIFT`` of its published place.  A high rho
can come from the easy tail of a ranking while the country that matters is misplaced;
the second condition catches that.  Otherwise the reading is withheld and the reason
says which year and which condition failed, with the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mic2025.data_files import data_dir

RHO_SUPPORT = 0.8
MIN_COUNTRIES = 5
YEAR_TOLERANCE = 1
MAX_PLACE_SHIFT = 1


@dataclass(frozen=True)
class StepsReading:
    """Whether the steps may be read off the index, why, and the evidence per year."""

    supported: bool
    reason: str
    checks: pd.DataFrame  # reference_year, index_year, n, rho, usable, edition


def reference_ranks(name: str) -> pd.DataFrame:
    """A bundled published ranking (``data/international/<name>.csv``): iso3, reference_year, rank."""
    path = data_dir() / "international" / f"{name}.csv"
    frame = pd.read_csv(path, dtype={"iso3": str})
    return frame.dropna(subset=["rank"])[["iso3", "reference_year", "rank", "edition"]]


def compare(scores: pd.DataFrame, reference: pd.DataFrame, country: str = "CHN") -> pd.DataFrame:
    """Spearman's rho between the index's ranking and the reference, per reference year,
    and ``country``'s place among the countries in common in each."""
    from scipy.stats import spearmanr

    computed = sorted(scores.loc[scores["score"].notna(), "year"].unique())
    rows = []
    for year, ref in reference.groupby("reference_year", sort=True):
        index_year = _nearest(int(year), computed)
        rows.append({"reference_year": int(year), "index_year": index_year, "n": 0, "rho": np.nan,
                     "place_index": np.nan, "place_reference": np.nan,
                     "edition": "; ".join(sorted(set(ref["edition"].astype(str))))})  # fmt: skip
        if index_year is None:
            continue
        ours = scores[(scores["year"] == index_year) & scores["score"].notna()].set_index("country")["score"]
        both = ref.drop_duplicates("iso3").set_index("iso3").join(ours, how="inner")
        rows[-1]["n"] = len(both)
        if len(both) >= 2:
            rho = spearmanr(-both["score"], both["rank"]).statistic  # high score = low rank number
            rows[-1]["rho"] = float(rho)
        if country in both.index:
            rows[-1]["place_index"] = int((both["score"] > both.loc[country, "score"]).sum() + 1)
            rows[-1]["place_reference"] = int((both["rank"] < both.loc[country, "rank"]).sum() + 1)
    columns = ["reference_year", "index_year", "n", "rho", "place_index", "place_reference", "edition"]
    out = pd.DataFrame(rows, columns=columns)
    out["usable"] = out["n"] >= MIN_COUNTRIES
    return out


def _nearest(year: int, computed: list[int]) -> int | None:
    near = [y for y in computed if abs(y - year) <= YEAR_TOLERANCE]
    return min(near, key=lambda y: (abs(y - year), y)) if near else None


def steps_reading(reference: str | None, scores: pd.DataFrame, country: str = "CHN") -> StepsReading:
    """Whether the steps reading of an index with this ``reference`` is supported."""
    columns = [
        "reference_year",
        "index_year",
        "n",
        "rho",
        "place_index",
        "place_reference",
        "edition",
        "usable",
    ]
    if reference is None:
        reason = "no published ranking is bundled to check this index against"
        return StepsReading(False, reason, pd.DataFrame(columns=columns))
    checks = compare(scores, reference_ranks(reference), country)
    usable = checks[checks["usable"]]
    if usable.empty:
        reason = (
            f"no reference year has {MIN_COUNTRIES} or more countries ranked by both the index and "
            f"{reference} within {YEAR_TOLERANCE} year of a computed year"
        )
        return StepsReading(False, reason, checks)
    failure = _first_failure(usable, reference, country)
    if failure:
        return StepsReading(False, failure, checks)
    years = ", ".join(
        f"{int(r.reference_year)}: rho {r.rho:.2f}, {country} {int(r.place_index)} of {int(r.n)} "
        f"(published {int(r.place_reference)})"
        for r in usable.itertuples()
    )
    return StepsReading(True, f"the index reproduces {reference} ({years})", checks)


def _first_failure(usable: pd.DataFrame, reference: str, country: str) -> str:
    for r in usable.sort_values("reference_year").itertuples():
        where = f"{int(r.reference_year)} (index year {int(r.index_year)}, n = {int(r.n)})"
        if not r.rho >= RHO_SUPPORT - 1e-9:  # rho is a ratio of integers: 0.8 is 0.8
            return (
                f"the index does not reproduce {reference}: Spearman's rho {r.rho:.2f} for {where}, "
                f"below {RHO_SUPPORT}"
            )
        if np.isnan(r.place_index) or abs(r.place_index - r.place_reference) > MAX_PLACE_SHIFT:
            return (
                f"the index places {country} {_place(r.place_index)} among the {int(r.n)} countries in "
                f"common for {where}, where {reference} places it {_place(r.place_reference)} "
                f"(rho {r.rho:.2f}); the steps are read off {country}'s place, so they are not stated"
            )
    return ""


def _place(value: float) -> str:
    if np.isnan(value):
        return "unranked"
    n = int(value)
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")
