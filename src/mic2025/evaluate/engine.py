"""Run every method on every target x area x sector: the evaluation engine.

``evaluate(plan, observations)`` returns the detailed scorecard, one row per target x
indicator x area x sector x method; ``verdict.headline`` turns it into one verdict per
target.  Both take plain inputs (a Plan and a frame shaped like
``store.observations()``), so they are testable without a store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd

from mic2025.evaluate.methods import DEFAULT_METHODS, METHODS
from mic2025.evaluate.notes import merge_notes
from mic2025.evaluate.prepare import DEFAULT_WINDOW, prepare
from mic2025.evaluate.status import ASCII_SYMBOLS, SYMBOLS
from mic2025.plan.model import Plan

DETAIL_COLUMNS: list[str] = [
    "target", "metric", "indicator", "kind", "owner", "owner_type", "category", "project", "task", "area",
    "sector", "method", "status", "status_symbol", "status_ascii", "decided_by", "weak", "unit", "direction",
    "comparator", "baseline_year", "baseline_value", "baseline_source", "target_year", "target_value",
    "target_raw", "approximate", "latest_period", "latest_value", "latest_source", "required_annual_change",
    "actual_annual_change", "change_basis", "progress_ratio", "distance_share", "time_share", "gap",
    "projected_value", "pi_low", "pi_high", "prob_meet", "years_used", "n_years_used", "proxy", "formula",
    "note",
]  # fmt: skip
"""The per-method rows as exported (``evaluate --detail``)."""

CARRIED_COLUMNS: list[str] = [
    "deadline_value", "deadline_period", "deadline_qualifier", "deadline_full_year", "deadline_source",
    "deadline_status", "deadline_linked", "latest_year", "latest_linked", "n_obs", "n_linked", "n_bounds",
    "period_mean", "period_n", "period_start", "period_first", "not_judged", "range_low", "range_high",
    "upper_bound", "recent_pace", "recent_years", "recent_n", "common_note", "newest_year", "newest_value",
    "newest_period", "newest_qualifier", "newest_source", "newest_linked",
]  # fmt: skip
"""Prepared facts the verdict reads after the methods ran (kept on every row)."""

OUTPUT_COLUMNS = [*DETAIL_COLUMNS, *CARRIED_COLUMNS]


def evaluate(
    plan: Plan,
    observations: pd.DataFrame,
    milestone: int | None = None,
    methods: Sequence[str] = DEFAULT_METHODS,
    as_of: date | datetime | str | None = None,
    area: str | Sequence[str] | None = None,
    window: int = DEFAULT_WINDOW,
) -> pd.DataFrame:
    """The detailed scorecard: every target x area x sector x method with its status.

    Parameters
    ----------
    plan, observations
        The plan and the figures (columns of ``store.observations()``).
    milestone
        Keep the targets due that year (2020 mid-term, 2025 final).
    methods
        Method names (see :data:`mic2025.evaluate.methods.METHODS`).
    as_of
        Keep only vintages published by this date.
    area
        Restrict areas (the national row ``CN`` is always produced for every target,
        with data or not, when ``CN`` is among them).
    window
        Number of most recent years the trend is fitted on.
    """
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown method(s) {unknown}; choose from {list(METHODS)}")
    prepared = prepare(plan, observations, milestone=milestone, as_of=as_of, area=area, window=window)
    frames = [_run(name, prepared) for name in methods]
    if not frames:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["status_symbol"] = out["status"].map(SYMBOLS)
    out["status_ascii"] = out["status"].map(ASCII_SYMBOLS)
    order = {m: i for i, m in enumerate(methods)}
    out["_m"] = out["method"].map(order)
    out = out.sort_values(["target", "proxy", "indicator", "area", "sector", "_m"], kind="mergesort")
    return out.reindex(columns=OUTPUT_COLUMNS).reset_index(drop=True)


def _run(name: str, prepared: pd.DataFrame) -> pd.DataFrame:
    """One method's rows: the prepared facts, its result, its formula per row."""
    module = METHODS[name]
    result = module.assess(prepared)
    common = prepared["common_note"].to_numpy(dtype=object)
    result["note"] = merge_notes(common, result["note"].to_numpy(dtype=object))
    result["method"] = name
    # the formula the row actually used (distance to the limit, linear, mean growth...)
    result["formula"] = result["change_basis"].map(module.FORMULAS).fillna("").astype(object)
    return pd.concat([prepared.drop(columns=["note"], errors="ignore"), result], axis=1)
