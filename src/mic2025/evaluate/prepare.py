"""Everything the methods and the verdict read, one row per target x series.

``prepare(plan, observations)`` takes plain inputs (a Plan and a frame shaped like
``store.observations()``), so it is testable without a store.  The work is one set of
grouped, vectorised operations over all target x series pairs; no Python loop runs
over the rows.

Per target and series the data are cut to years up to the target year (a target is
judged on data up to its deadline) and, after the latest break in series (``B``), to
years from the break on.  The baseline is the plan's own value for the base year when
the series is national all-manufacturing (plan baselines are national), otherwise the
observed value in the base year.  A break after the base year moves the baseline to
the break year and re-expresses relative targets on the new series
(``targets.rebased_level``).

Figures that are bounds ("more than 1.6") are kept apart: the methods compute rates of
growth and trends only from exact figures, while the verdict at the deadline reads the
deadline figure with its qualifier (interval logic, :mod:`mic2025.evaluate.verdict`).
Level series that stop are carried forward by published changes of the same scope
(:mod:`mic2025.evaluate.linking`), as estimates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

from mic2025.evaluate.linking import BOUNDS, linked_levels
from mic2025.evaluate.momentum import momentum
from mic2025.evaluate.notes import join_notes
from mic2025.evaluate.series import SERIES_KEY, TOTAL_SECTOR, annualise, as_of_filter, normalise
from mic2025.evaluate.targets import ABSOLUTE_KINDS, NATIONAL, rebased_level, target_level, targets_frame
from mic2025.plan.model import Plan

DEFAULT_WINDOW = 8
"""Most recent annual values a trend is fitted on."""


def prepare(
    plan: Plan,
    observations: pd.DataFrame,
    *,
    milestone: int | None = None,
    as_of: date | datetime | str | None = None,
    area: str | Sequence[str] | None = None,
    window: int = DEFAULT_WINDOW,
) -> pd.DataFrame:
    """One row per target x indicator x area x sector with everything the methods read.

    Parameters
    ----------
    plan, observations
        The plan and the figures (columns of ``store.observations()``).
    milestone
        Keep only the targets due that year.
    as_of
        Keep only vintages published by this date.
    area
        Restrict to these areas (the national row is always produced when ``CN`` is
        among them, with data or not).
    window
        Most recent annual values a trend is fitted on.
    """
    tf = targets_frame(plan, milestone)
    annual, wrong_unit = _annual_series(plan, observations, tf, as_of, area)
    pairs = _pairs(tf, annual, area)
    long = pairs[["pid", *SERIES_KEY, "target_year"]].merge(annual, on=SERIES_KEY, how="inner")
    long = long[long["year"] <= long["target_year"]]
    brk = long[long["is_break"]].groupby("pid")["year"].max().rename("break_year")
    pairs = pairs.join(brk, on="pid")
    long = long.join(brk, on="pid")
    long = long[~(long["year"] < long["break_year"])].sort_values(["pid", "year"], kind="mergesort")
    pairs = _deadline_figure(pairs, long)
    exact = long[~long["qualifier"].isin(BOUNDS)]
    pairs = _latest(pairs, exact, long)
    pairs = _baseline(pairs, exact)
    pairs = _target_levels(pairs)
    pairs = _value_range(pairs, exact)
    pairs = _period_stats(pairs, exact)
    pairs = _window_sums(pairs, exact, window)
    pairs = pairs.merge(wrong_unit, on=SERIES_KEY, how="left")
    pairs = pairs.merge(momentum(annual), on=SERIES_KEY, how="left")
    return _reasons(pairs).sort_values("pid").reset_index(drop=True)


def _annual_series(
    plan: Plan,
    observations: pd.DataFrame,
    tf: pd.DataFrame,
    as_of: date | datetime | str | None,
    area: str | Sequence[str] | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yearly values in force at ``as_of``, linked estimates added; rows in a wrong unit counted."""
    units = dict(zip(tf["indicator"], tf["unit"], strict=False))
    # units first, so a row in another unit can never displace a valid one
    clean, wrong_unit = normalise(observations, units)
    clean = as_of_filter(clean, as_of).drop(columns=["entity", "vintage"], errors="ignore")
    annual = annualise(clean).assign(linked=False)
    linked = linked_levels(annual, plan)
    if not linked.empty:
        annual = pd.concat([annual, linked.reindex(columns=annual.columns)], ignore_index=True)
    areas = [area] if isinstance(area, str) else (list(area) if area is not None else None)
    if areas is not None:
        annual = annual[annual["area"].isin(areas)]
    return annual, wrong_unit


def _pairs(tf: pd.DataFrame, annual: pd.DataFrame, area: str | Sequence[str] | None) -> pd.DataFrame:
    """Each target row with each series of its indicator; the national row always."""
    keys = annual[SERIES_KEY].drop_duplicates()
    pairs = tf.merge(keys, on="indicator", how="left")
    national = tf[~tf["proxy"] | (tf["indicator"] == tf["metric"])].assign(area=NATIONAL, sector=TOTAL_SECTOR)
    areas = [area] if isinstance(area, str) else (list(area) if area is not None else None)
    pairs = pairs.dropna(subset=["area"])
    if areas is None or NATIONAL in areas:
        pairs = pd.concat([pairs, national], ignore_index=True)
    pairs = pairs.drop_duplicates(["target", "indicator", "area", "sector"]).reset_index(drop=True)
    pairs["pid"] = np.arange(len(pairs))
    return pairs


def _deadline_figure(pairs: pd.DataFrame, long: pd.DataFrame) -> pd.DataFrame:
    """The figure for the target year itself (bounds included): what a final verdict reads."""
    at = long[long["year"] == long["target_year"]].set_index("pid")
    columns = {
        "value": "deadline_value",
        "period": "deadline_period",
        "qualifier": "deadline_qualifier",
        "full_year": "deadline_full_year",
        "source": "deadline_source",
        "status": "deadline_status",
        "linked": "deadline_linked",
    }
    return pairs.join(at[list(columns)].rename(columns=columns), on="pid")


def _latest(pairs: pd.DataFrame, exact: pd.DataFrame, long: pd.DataFrame) -> pd.DataFrame:
    """The latest exact figure (what growth methods use) and counts of figures held."""
    g = exact.groupby("pid", sort=True)
    last = g.tail(1).set_index("pid")
    stats = pd.DataFrame(
        {
            "latest_year": last["year"].astype(float),
            "latest_value": last["value"],
            "latest_period": last["period"],
            "latest_source": last["source"],
            "latest_linked": last["linked"].astype(bool),
            "first_year": g["year"].min().astype(float),
            "n_obs": g.size().astype(float),
            "n_linked": g["linked"].sum().astype(float),
        }
    )
    bounds = long[long["qualifier"].isin(BOUNDS)].groupby("pid").size().rename("n_bounds")
    # the latest figure of any kind (a bound included): what a reader is told was last published
    newest = long.groupby("pid", sort=True).tail(1).set_index("pid")
    shown = pd.DataFrame(
        {
            "newest_year": newest["year"].astype(float),
            "newest_value": newest["value"],
            "newest_period": newest["period"],
            "newest_qualifier": newest["qualifier"],
            "newest_source": newest["source"],
            "newest_linked": newest["linked"].astype(bool),
        }
    )
    return pairs.join(stats, on="pid").join(bounds, on="pid").join(shown, on="pid")


def _baseline(pairs: pd.DataFrame, long: pd.DataFrame) -> pd.DataFrame:
    """Baseline year/value/source per pair, moved to the break year after a break."""
    base_year = pairs["base_year"].to_numpy(float)
    plan_value = np.array(
        [
            bl.get(int(y)) if isinstance(bl, dict) and not np.isnan(y) else None
            for bl, y in zip(pairs["plan_baselines"], base_year, strict=True)
        ],
        dtype=float,
    )  # one dict look-up per pair (targets x series), not per observation
    national_total = (pairs["area"] == NATIONAL).to_numpy() & (pairs["sector"] == TOTAL_SECTOR).to_numpy()
    plan_value = np.where(national_total, plan_value, np.nan)
    at_base = long[["pid", "year", "value"]].join(pairs["base_year"].rename("by"), on="pid")
    observed = at_base[at_base["year"] == at_base["by"]].set_index("pid")["value"]
    obs_value = pairs["pid"].map(observed).to_numpy(float)
    value = np.where(~np.isnan(plan_value), plan_value, obs_value)
    source = np.where(~np.isnan(plan_value), "plan", np.where(~np.isnan(obs_value), "observed", ""))
    pairs["orig_baseline"] = value
    brk = pairs["break_year"].to_numpy(float)
    rebased = ~np.isnan(brk) & (brk > base_year)
    first_after = long.groupby("pid").head(1).set_index("pid")["value"]  # first value = break year
    new_value = pairs["pid"].map(first_after).to_numpy(float)
    pairs["rebased"] = rebased
    pairs["baseline_year"] = np.where(rebased, brk, base_year)
    pairs["baseline_value"] = np.where(rebased, new_value, value)
    pairs["baseline_source"] = np.where(rebased, "break", source)
    return pairs


def _target_levels(pairs: pd.DataFrame) -> pd.DataFrame:
    """Target level in the indicator's unit, re-expressed after a break; none for context rows."""
    kind = pairs["kind"].to_numpy(dtype=object)
    level = target_level(kind, pairs["target_raw"].to_numpy(float), pairs["orig_baseline"].to_numpy(float))
    rebase = pairs["rebased"].to_numpy(bool)
    if rebase.any():
        new_level = rebased_level(
            kind,
            level,
            pairs["base_year"].to_numpy(float),
            pairs["orig_baseline"].to_numpy(float),
            pairs["target_year"].to_numpy(float),
            pairs["baseline_year"].to_numpy(float),
            pairs["baseline_value"].to_numpy(float),
        )
        level = np.where(rebase, new_level, level)
    # a proxy of another unit or scope is shown for context: it has no target level
    context = pairs["context_only"].to_numpy(bool) | pairs["other_scope"].to_numpy(bool)
    pairs["target_value"] = np.where(context, np.nan, level)
    return pairs


def _value_range(pairs: pd.DataFrame, long: pd.DataFrame) -> pd.DataFrame:
    """Smallest and largest value from the (effective) base year to the latest year."""
    span = long.join(pairs.set_index("pid")["baseline_year"], on="pid")
    span = span[span["year"] >= span["baseline_year"]]
    sg = span.groupby("pid")["value"]
    pairs = pairs.join(sg.min().rename("min_value"), on="pid").join(sg.max().rename("max_value"), on="pid")
    has_plan_base = pairs["baseline_source"].eq("plan").to_numpy()
    pb = pairs["baseline_value"].to_numpy(float)
    pairs["min_value"] = np.where(has_plan_base, np.fmin(pairs["min_value"], pb), pairs["min_value"])
    pairs["max_value"] = np.where(has_plan_base, np.fmax(pairs["max_value"], pb), pairs["max_value"])
    return pairs


def _period_stats(pairs: pd.DataFrame, long: pd.DataFrame) -> pd.DataFrame:
    """Mean, sum and count of values in the plan period (average-growth targets)."""
    start = pairs.set_index("pid")["period_start"]
    inper = long.join(start, on="pid")
    inper = inper[inper["year"] >= inper["period_start"]]
    g = inper.groupby("pid")
    stats = pd.DataFrame(
        {
            "period_mean": g["value"].mean(),
            "period_sum": g["value"].sum(),
            "period_n": g.size().astype(float),
            "period_first": g["year"].min().astype(float),
        }
    )
    return pairs.join(stats, on="pid")


def _window_sums(pairs: pd.DataFrame, long: pd.DataFrame, window: int) -> pd.DataFrame:
    """Centred OLS sums over the last ``window`` years of each pair (vectorised)."""
    w = long[["pid", "year", "value"]].copy()
    w["_r"] = w.groupby("pid").cumcount(ascending=False)
    w = w[w["_r"] < window]
    g = w.groupby("pid")
    xbar, ybar = g["year"].mean(), g["value"].mean()
    w = w.join(xbar.rename("xb"), on="pid").join(ybar.rename("yb"), on="pid")
    w["dx"], w["dy"] = w["year"] - w["xb"], w["value"] - w["yb"]
    w["dxx"], w["dxy"], w["dyy"] = w["dx"] * w["dx"], w["dx"] * w["dy"], w["dy"] * w["dy"]
    sums = w.groupby("pid")[["dxx", "dxy", "dyy"]].sum()
    first = g.head(1).set_index("pid")
    stats = pd.DataFrame(
        {
            "w_n": g.size().astype(float),
            "w_xbar": xbar,
            "w_ybar": ybar,
            "w_sxx": sums["dxx"],
            "w_sxy": sums["dxy"],
            "w_syy": sums["dyy"],
            "w_first_year": first["year"].astype(float),
            "w_first_value": first["value"],
        }
    )
    return pairs.join(stats, on="pid")


def _reasons(pairs: pd.DataFrame) -> pd.DataFrame:
    """Blocking reasons (``reason``) and context notes (``common_note``) per pair."""
    n = len(pairs)
    context = pairs["context_only"].to_numpy(bool)
    other_scope = pairs["other_scope"].to_numpy(bool)
    absolute = pairs["kind"].isin(ABSOLUTE_KINDS).to_numpy()
    unit_clash = absolute & (pairs["target_unit"] != pairs["unit"]).to_numpy()
    no_data = pairs["n_obs"].isna().to_numpy() & pairs["deadline_value"].isna().to_numpy()
    # a relative change from zero (or from a negative value) has no meaning: the
    # target level would be zero whatever the target says
    base = pairs["orig_baseline"].to_numpy(float)
    relative = (pairs["kind"] == "change_from_base").to_numpy()
    undefined_base = relative & ~np.isnan(base) & ~(base > 0) & ~no_data
    reason = join_notes(
        n,
        [
            (context, "proxy in another unit than its parent: context only, not judged"),
            (other_scope, "proxy of another scope than its parent: context only, not judged"),
            (unit_clash & ~context, "target unit differs from indicator unit"),
            (no_data, "no observations"),
            (undefined_base & ~context, "relative change from a baseline of zero or below is undefined"),
        ],
    )
    pairs["reason"] = reason
    pairs["not_judged"] = context | other_scope
    pairs["common_note"] = _common_notes(pairs, reason)
    pairs["gap"] = pairs["direction"] * (pairs["target_value"] - pairs["latest_value"])
    aag = (pairs["kind"] == "average_annual_growth").to_numpy()
    pairs["gap"] = np.where(
        aag, pairs["direction"] * (pairs["target_raw"] - pairs["period_mean"]), pairs["gap"]
    )
    return pairs


def _common_notes(pairs: pd.DataFrame, reason: np.ndarray) -> np.ndarray:
    n = len(pairs)
    context = pairs["context_only"].to_numpy(bool)
    wrong = pairs["n_wrong_unit"].fillna(0).to_numpy()
    wrong_text = "ignored " + pd.Series(wrong).astype(int).astype(str) + " observation(s) in another unit"
    bounds = pairs["n_bounds"].fillna(0).to_numpy()
    bounds_text = pd.Series(bounds).astype(int).astype(str) + " figure(s) that are bounds not used for rates"
    brk = pairs["break_year"].to_numpy(float)
    brk_text = "break in series in " + pd.Series(np.nan_to_num(brk)).astype(int).astype(str)
    return join_notes(
        n,
        [
            (reason != "", reason),
            (pairs["proxy"].to_numpy(bool) & ~context, "proxy indicator"),
            (~np.isnan(brk), brk_text + ": earlier values not used"),
            (pairs["rebased"].to_numpy(bool), "baseline moved to break year, target re-expressed"),
            (pairs["approximate"].to_numpy(bool), "approximate target"),
            (wrong > 0, wrong_text),
            (bounds > 0, bounds_text),
            (pairs["n_linked"].fillna(0).to_numpy() > 0, "includes linked estimates"),
        ],
    )
