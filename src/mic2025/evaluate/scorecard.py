"""Run every method on every target x area x sector: the evaluation engine.

``evaluate(plan, observations)`` takes plain inputs (a Plan and a frame shaped like
``store.observations()``), so it is testable without a store.  The work is one set
of grouped, vectorised operations over all target x series pairs; no Python loop
runs over the rows of the scorecard.

Per target and series the data are cut to years up to the target year (a target is
judged on data up to its deadline) and, after the latest break in series (``B``),
to years from the break on.  The baseline is the plan's own value for the base year
when the series is national all-manufacturing (plan baselines are national),
otherwise the observed value in the base year; with neither the growth methods report
insufficient data.  A break after the base year moves the baseline to the break year
and re-expresses relative targets on the new series (see ``targets.rebased_level``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

from mic2025.evaluate.methods import METHODS
from mic2025.evaluate.methods._common import join_notes
from mic2025.evaluate.series import (
    SERIES_KEY,
    TOTAL_SECTOR,
    annualise,
    as_of_filter,
    normalise,
)
from mic2025.evaluate.status import ASCII_SYMBOLS, SYMBOLS
from mic2025.evaluate.targets import (
    ABSOLUTE_KINDS,
    NATIONAL,
    rebased_level,
    target_level,
    targets_frame,
)
from mic2025.plan.model import Plan

DEFAULT_METHODS: tuple[str, ...] = ("growth_ratio", "unsd_gap", "trend")
DEFAULT_WINDOW = 8

OUTPUT_COLUMNS: list[str] = [
    "target", "metric", "indicator", "kind", "owner", "owner_type", "category", "project",
    "task", "area", "sector", "method", "status", "status_symbol", "status_ascii",
    "decided_by", "unit", "baseline_year", "baseline_value", "baseline_source",
    "target_year", "target_value", "target_raw", "approximate", "latest_period",
    "latest_value", "required_annual_change", "actual_annual_change", "change_basis",
    "progress_ratio", "gap", "projected_value", "pi_low", "pi_high", "prob_meet",
    "years_used", "n_years_used", "proxy", "formula", "note",
]  # fmt: skip
"""Columns of the scorecard, one row per target x indicator x area x sector x method."""


def evaluate(
    plan: Plan,
    observations: pd.DataFrame,
    milestone: int | None = None,
    methods: Sequence[str] = DEFAULT_METHODS,
    as_of: date | datetime | str | None = None,
    area: str | Sequence[str] | None = None,
    window: int = DEFAULT_WINDOW,
) -> pd.DataFrame:
    """The scorecard: every target x area x sector x method with its status.

    ``milestone`` keeps the targets due that year (2020 mid-term, 2025 final);
    ``as_of`` keeps only vintages published by that date; ``area`` restricts areas
    (the national row ``CN`` is always produced for every target, with data or not);
    ``window`` is the number of most recent years the trend is fitted on.
    """
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown method(s) {unknown}; choose from {list(METHODS)}")
    prepared = prepare(plan, observations, milestone=milestone, as_of=as_of, area=area, window=window)
    frames = []
    for name in methods:
        module = METHODS[name]
        result = module.assess(prepared)
        common_note = prepared["common_note"].to_numpy(dtype=object)
        result["note"] = _merge_notes(common_note, result["note"].to_numpy(dtype=object))
        result["method"] = name
        result["formula"] = module.FORMULA
        frames.append(pd.concat([prepared.drop(columns=["note"], errors="ignore"), result], axis=1))
    if not frames:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["status_symbol"] = out["status"].map(SYMBOLS)
    out["status_ascii"] = out["status"].map(ASCII_SYMBOLS)
    order = {m: i for i, m in enumerate(methods)}
    out["_m"] = out["method"].map(order)
    out = out.sort_values(["target", "proxy", "indicator", "area", "sector", "_m"], kind="mergesort")
    return out[OUTPUT_COLUMNS].reset_index(drop=True)


def _merge_notes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a_s, b_s = pd.Series(a, dtype=object), pd.Series(b, dtype=object)
    both = (a_s != "") & (b_s != "")
    return np.where(both, a_s + "; " + b_s, np.where(a_s != "", a_s, b_s)).astype(object)


def prepare(
    plan: Plan,
    observations: pd.DataFrame,
    milestone: int | None = None,
    as_of: date | datetime | str | None = None,
    area: str | Sequence[str] | None = None,
    window: int = DEFAULT_WINDOW,
) -> pd.DataFrame:
    """One row per target x indicator x area x sector with everything the methods read."""
    tf = targets_frame(plan, milestone)
    units = dict(zip(tf["indicator"], tf["unit"], strict=False))
    # units first, so a row in another unit can never displace a valid one
    clean, wrong_unit = normalise(observations, units)
    clean = as_of_filter(clean, as_of).drop(columns=["entity", "vintage"], errors="ignore")
    annual = annualise(clean)
    areas = [area] if isinstance(area, str) else (list(area) if area is not None else None)
    if areas is not None:
        annual = annual[annual["area"].isin(areas)]

    # pairs: each target row with each series of its indicator; national row always
    keys = annual[SERIES_KEY].drop_duplicates()
    pairs = tf.merge(keys, on="indicator", how="left")
    national = tf[~tf["proxy"] | (tf["indicator"] == tf["metric"])].assign(area=NATIONAL, sector=TOTAL_SECTOR)
    if areas is None or NATIONAL in areas:
        pairs = pd.concat([pairs.dropna(subset=["area"]), national], ignore_index=True)
    else:
        pairs = pairs.dropna(subset=["area"])
    pairs = pairs.drop_duplicates(["target", "indicator", "area", "sector"]).reset_index(drop=True)
    pairs["pid"] = np.arange(len(pairs))

    long = pairs[["pid", *SERIES_KEY, "target_year"]].merge(annual, on=SERIES_KEY, how="inner")
    long = long[long["year"] <= long["target_year"]]
    brk = long[long["is_break"]].groupby("pid")["year"].max().rename("break_year")
    pairs = pairs.join(brk, on="pid")
    long = long.join(brk, on="pid")
    long = long[~(long["year"] < long["break_year"])]
    long = long.sort_values(["pid", "year"], kind="mergesort")

    g = long.groupby("pid", sort=True)
    last = g.tail(1).set_index("pid")
    pairs = pairs.join(
        pd.DataFrame(
            {
                "latest_year": last["year"].astype(float),
                "latest_value": last["value"],
                "latest_period": last["period"],
                "first_year": g["year"].min().astype(float),
                "n_obs": g.size().astype(float),
            }
        ),
        on="pid",
    )

    # baseline: plan value (national total) or observed value in the base year
    pairs = _baseline(pairs, long)
    # target level in the indicator's unit, re-expressed after a break
    kind = pairs["kind"].to_numpy(dtype=object)
    level = target_level(kind, pairs["target_raw"].to_numpy(float), pairs["orig_baseline"].to_numpy(float))
    pairs["target_value"] = level
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
        pairs["target_value"] = np.where(rebase, new_level, level)

    # range of values from the (effective) base year to the latest year
    span = long.join(pairs.set_index("pid")["baseline_year"], on="pid")
    span = span[span["year"] >= span["baseline_year"]]
    sg = span.groupby("pid")["value"]
    pairs = pairs.join(sg.min().rename("min_value"), on="pid").join(sg.max().rename("max_value"), on="pid")
    has_plan_base = pairs["baseline_source"].eq("plan").to_numpy()
    pb = pairs["baseline_value"].to_numpy(float)
    pairs["min_value"] = np.where(has_plan_base, np.fmin(pairs["min_value"], pb), pairs["min_value"])
    pairs["max_value"] = np.where(has_plan_base, np.fmax(pairs["max_value"], pb), pairs["max_value"])

    pairs = _period_stats(pairs, long)
    pairs = _window_sums(pairs, long, window)
    pairs = pairs.merge(wrong_unit, on=SERIES_KEY, how="left")
    return _reasons(pairs).sort_values("pid").reset_index(drop=True)


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
    n = g.size().astype(float)
    xbar = g["year"].mean()
    ybar = g["value"].mean()
    w = w.join(xbar.rename("xb"), on="pid").join(ybar.rename("yb"), on="pid")
    w["dx"] = w["year"] - w["xb"]
    w["dy"] = w["value"] - w["yb"]
    w["dxx"] = w["dx"] * w["dx"]
    w["dxy"] = w["dx"] * w["dy"]
    w["dyy"] = w["dy"] * w["dy"]
    sums = w.groupby("pid")[["dxx", "dxy", "dyy"]].sum()
    first = g.head(1).set_index("pid")
    stats = pd.DataFrame(
        {
            "w_n": n,
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
    no_data = pairs["n_obs"].isna().to_numpy()
    # a relative change from zero (or from a negative value) has no meaning: the
    # target level would be zero whatever the target says
    relative = (pairs["kind"] == "change_from_base").to_numpy()
    undefined_base = relative & ~(pairs["orig_baseline"].to_numpy(float) > 0) & ~no_data
    undefined_base &= ~np.isnan(pairs["orig_baseline"].to_numpy(float))
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
    wrong = pairs["n_wrong_unit"].fillna(0).to_numpy()
    wrong_text = "ignored " + pd.Series(wrong).astype(int).astype(str) + " observation(s) in another unit"
    brk = pairs["break_year"].to_numpy(float)
    brk_text = "break in series in " + pd.Series(np.nan_to_num(brk)).astype(int).astype(str)
    proxy_text = "proxy indicator " + pairs["indicator"].astype(str) + " for " + pairs["metric"].astype(str)
    pairs["common_note"] = join_notes(
        n,
        [
            (reason != "", reason),
            (pairs["proxy"].to_numpy(bool) & ~context, proxy_text),
            (~np.isnan(brk), brk_text + ": earlier values not used"),
            (pairs["rebased"].to_numpy(bool), "baseline moved to break year, target re-expressed"),
            (pairs["approximate"].to_numpy(bool), "approximate target"),
            (wrong > 0, wrong_text),
        ],
    )
    pairs["gap"] = pairs["direction"] * (pairs["target_value"] - pairs["latest_value"])
    aag = (pairs["kind"] == "average_annual_growth").to_numpy()
    pairs["gap"] = np.where(
        aag, pairs["direction"] * (pairs["target_raw"] - pairs["period_mean"]), pairs["gap"]
    )
    return pairs
