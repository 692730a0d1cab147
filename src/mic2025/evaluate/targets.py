"""Targets of a plan as a frame of comparable target paths.

Every target kind is brought to the same shape: a baseline (year, value) and a target
level in the indicator's own unit at the target year.  Between them the *target path*
is geometric (constant growth rate) for level, count, share and change-from-base
targets, and linear for percentage-point targets, which are defined as differences.

=====================  ==================================================
kind                   target level ``L`` in the indicator's unit
=====================  ==================================================
level, count, share    ``L = value`` (target unit must equal indicator unit)
change_from_base       ``L = y_b * (1 + value / 100)``
pp_change              ``L = y_b + value``
average_annual_growth  no level: the indicator is itself a yearly growth rate;
                       the mean of its observed values over ``period_start..year``
                       is compared with ``value``
=====================  ==================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mic2025.plan.model import Plan, Project

DEFAULT_BASE_YEAR = 2015
"""Base year when a target names none: the year the strategy was issued (as Open SDG)."""

NATIONAL = "CN"
RELATIVE_KINDS = ("change_from_base", "pp_change")
ABSOLUTE_KINDS = ("level", "count", "share")


def targets_frame(plan: Plan, milestone: int | None = None) -> pd.DataFrame:
    """One row per target x evaluated indicator (the metric itself, then its proxies).

    A proxy (``proxy_of`` = the target's metric) is evaluated against the parent's
    target only when its unit equals the parent's and the plan marks it ``comparable``;
    otherwise its row is kept as context (``context_only`` for another unit,
    ``other_scope`` for another coverage) so it is shown, marked as a proxy, not judged.
    """
    proxies: dict[str, list] = {}
    for ind in plan.indicators:
        if ind.proxy_of:
            proxies.setdefault(ind.proxy_of, []).append(ind)
    kinds = {u.id: u.kind for u in plan.units}
    rows = []
    for target, owner in plan.iter_targets():
        if milestone is not None and target.year != milestone:
            continue
        metric = plan.indicator(target.metric)
        owner_type = "project" if isinstance(owner, Project) else "indicator"
        project = owner.id if owner_type == "project" else metric.project
        base_year = target.base_year
        if base_year is None:
            base_year = target.period_start if target.kind == "average_annual_growth" else None
        if base_year is None:
            base_year = DEFAULT_BASE_YEAR
        for ind in [metric, *proxies.get(metric.id, [])]:
            is_proxy_row = ind.id != metric.id or ind.proxy_of is not None
            low, high = natural_range(kinds.get(ind.unit, "level"), ind.upper_bound)
            rows.append(
                {
                    "target": target.id,
                    "metric": metric.id,
                    "indicator": ind.id,
                    "kind": target.kind,
                    "owner": owner.id,
                    "owner_type": owner_type,
                    "category": metric.category,
                    "project": project,
                    "target_raw": float(target.value),
                    "target_unit": target.unit,
                    "unit": ind.unit,
                    "target_year": int(target.year),
                    "base_year": float(base_year),
                    "period_start": np.nan if target.period_start is None else float(target.period_start),
                    "approximate": bool(target.approximate),
                    "comparator": target.comparator,
                    "direction": 1.0 if ind.direction == "higher" else -1.0,
                    "upper_bound": np.nan if ind.upper_bound is None else float(ind.upper_bound),
                    "range_low": low,
                    "range_high": high,
                    "proxy": bool(is_proxy_row),
                    "context_only": ind.id != metric.id and ind.unit != metric.unit,
                    "other_scope": ind.id != metric.id and ind.unit == metric.unit and not ind.comparable,
                    "plan_baselines": dict(ind.baselines),
                    "task": plan.task_of(ind.id),
                }
            )
    return pd.DataFrame(rows, columns=_COLUMNS)


_COLUMNS = [
    "target", "metric", "indicator", "kind", "owner", "owner_type", "category", "project",
    "target_raw", "target_unit", "unit", "target_year", "base_year", "period_start",
    "approximate", "comparator", "direction", "upper_bound", "range_low", "range_high", "proxy",
    "context_only", "other_scope", "plan_baselines", "task",
]  # fmt: skip


def natural_range(unit_kind: str, upper_bound: float | None) -> tuple[float, float]:
    """The values an indicator can take: from its unit's kind and its ``upper_bound``.

    A share lies in 0..100, a count or a level (index, intensity, amount) is >= 0, a
    change may take any sign; an explicit upper bound (100 % of units) narrows it.
    Projections and their intervals are kept inside this range.
    """
    low = 0.0 if unit_kind in ("share", "count", "level") else -np.inf
    high = 100.0 if unit_kind == "share" else np.inf
    if upper_bound is not None:
        high = min(high, float(upper_bound))
    return low, high


def target_level(kind: np.ndarray, raw: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Target level ``L`` in the indicator's unit (vectorised; table in module doc)."""
    return np.select(
        [kind == "change_from_base", kind == "pp_change", kind == "average_annual_growth"],
        [baseline * (1.0 + raw / 100.0), baseline + raw, raw],
        default=raw,
    )


def rebased_level(
    kind: np.ndarray,
    level: np.ndarray,
    base_year: np.ndarray,
    base_value: np.ndarray,
    target_year: np.ndarray,
    new_year: np.ndarray,
    new_value: np.ndarray,
) -> np.ndarray:
    """Target level re-expressed on a new series that starts at ``new_year``.

    Used after a break in series (status ``B``) later than the base year: the old
    baseline is not comparable with the new values.  A relative target keeps its
    required pace: a change-from-base target keeps its required growth rate over the
    remaining years (``y_s * (L / y_b) ** ((T - s) / (T - b))``), a percentage-point
    target its pro-rata points (``y_s + (L - y_b) * (T - s) / (T - b)``).  Absolute
    targets (level, count, share) keep their level.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        share_left = (target_year - new_year) / (target_year - base_year)
        geometric = new_value * np.power(level / base_value, share_left)
        linear = new_value + (level - base_value) * share_left
    return np.select([kind == "change_from_base", kind == "pp_change"], [geometric, linear], default=level)
