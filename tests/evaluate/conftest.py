"""Builders for small hand-checkable plans and observation frames."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from mic2025.plan.model import Plan

REF = {"section": "2.3"}


def target(
    tid: str, metric: str, kind: str, value: float, year: int, unit: str = "percent", **extra: Any
) -> dict:
    return {
        "id": tid,
        "metric": metric,
        "kind": kind,
        "value": value,
        "unit": unit,
        "year": year,
        "ref": REF,
        **extra,
    }


def indicator(
    iid: str,
    unit: str = "percent",
    direction: str = "higher",
    category: str = "innovation",
    targets: list[dict] | None = None,
    **extra: Any,
) -> dict:
    return {
        "id": iid,
        "labels": {"en": iid.replace("_", " "), "zh-Hans": f"指标{iid}"},
        "ref": REF,
        "category": category,
        "unit": unit,
        "direction": direction,
        "targets": targets or [],
        **extra,
    }


def make_plan(
    indicators: list[dict],
    projects: list[dict] | None = None,
    *,
    scopes: list[str] | None = None,
    unit_kinds: dict[str, str] | None = None,
) -> Plan:
    """A plan of these indicators; units are declared from them (kind ``level`` unless
    ``unit_kinds`` says otherwise, so tests are free to use any value)."""
    units = sorted({i["unit"] for i in indicators} | {"percent", "count"})
    kinds = unit_kinds or {}
    # projects named by indicators but not given are declared bare, as a plan must
    named = {i["project"] for i in indicators if i.get("project")}
    projects = list(projects or [])
    given = {p["id"] for p in projects}
    projects += [
        {"id": pid, "labels": {"en": pid}, "ref": REF, "number": 90 + k}
        for k, pid in enumerate(sorted(named - given))
    ]
    return Plan.model_validate(
        {
            "id": "test",
            "title": {"en": "Test plan"},
            "issuer": {"en": "Tester"},
            "issued": date(2015, 5, 8),
            "document": {"en": "T-1"},
            "steps": [{"id": "step1", "labels": {"en": "Step 1"}, "ref": REF, "number": 1, "year": 2025}],
            "units": [{"id": u, "labels": {"en": u}, "kind": kinds.get(u, "change")} for u in units],
            "scopes": [{"id": s, "labels": {"en": s}} for s in scopes or []],
            "indicators": indicators,
            "projects": projects,
        }
    )


def obs(rows: list[tuple], unit: str = "percent", vintage: str = "2024-01-01") -> pd.DataFrame:
    """Rows (indicator, area, period, value[, status[, sector[, unit[, vintage]]]])."""
    out = []
    for r in rows:
        ind, area, period, value = r[:4]
        out.append(
            {
                "indicator": ind,
                "area": area,
                "sector": r[5] if len(r) > 5 else "_T",
                "entity": "",
                "period": str(period),
                "value": value,
                "unit": r[6] if len(r) > 6 else unit,
                "status": r[4] if len(r) > 4 else "A",
                "source": "test",
                "vintage": pd.Timestamp(r[7] if len(r) > 7 else vintage),
                "batch": "b1",
                "note": "",
            }
        )
    return pd.DataFrame(out)


def row(
    frame: pd.DataFrame,
    method: str,
    area: str = "CN",
    target_id: str | None = None,
    indicator_id: str | None = None,
) -> pd.Series:
    sel = frame[(frame["method"] == method) & (frame["area"] == area)]
    if target_id is not None:
        sel = sel[sel["target"] == target_id]
    if indicator_id is not None:
        sel = sel[sel["indicator"] == indicator_id]
    assert len(sel) == 1, sel
    return sel.iloc[0]


@pytest.fixture
def small_plan() -> Plan:
    return make_plan(
        [
            indicator(
                "broadband",
                targets=[target("bb_2020", "broadband", "level", 70, 2020)],
                baselines={2015: 40.0},
                upper_bound=100.0,
                category="informatisation",
            ),
            indicator(
                "energy",
                unit="index",
                direction="lower",
                category="green",
                targets=[target("en_2020", "energy", "change_from_base", -18, 2020, base_year=2015)],
                baselines={2015: 100.0},
            ),
        ]
    )
