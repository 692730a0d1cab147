"""Targets in the strategy's own order: the key indicator table, then the major projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Element, Plan, Target


def ordered_targets(plan: Plan) -> list[tuple[Target, Element]]:
    """Key-indicator targets in table order, then other indicators', then projects' (by number)."""
    key = [(t, i) for i in plan.indicators if i.key for t in i.targets]
    other = [(t, i) for i in plan.indicators if not i.key for t in i.targets]
    projects = [(t, p) for p in sorted(plan.projects, key=lambda p: p.number) for t in p.targets]
    return [*key, *other, *projects]


def target_order(plan: Plan) -> dict[str, int]:
    """Target id → its place in :func:`ordered_targets`."""
    return {t.id: n for n, (t, _owner) in enumerate(ordered_targets(plan))}


def sort_rows(rows: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Headline or detail rows in the strategy's order: target, then its own row before proxies."""
    order = target_order(plan)
    keys = ["_order", "proxy", "indicator", "area", "sector"]
    keys = [k for k in keys if k == "_order" or k in rows.columns]
    return (
        rows.assign(_order=rows["target"].map(order))
        .sort_values(keys, kind="mergesort")
        .drop(columns="_order")
    )


def group_of(plan: Plan, row: pd.Series) -> str:
    """'key', 'project' or 'other': the group a target row is listed under."""
    key_ids = {i.id for i in plan.key_indicators()}
    if row["owner_type"] == "project":
        return "project"
    return "key" if row["metric"] in key_ids else "other"
