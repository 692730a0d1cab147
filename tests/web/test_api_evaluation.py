"""``GET /api/evaluation`` equals the evaluation engine, row by row, on the bundled data.

The oracle is ``mic2025.evaluate.evaluate`` on the same store's figures, with the headline
rule written out again here: among the methods that could judge, the worst status, ties
to the first method (growth ratio, UNSD gap, trend); with none, insufficient data.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

import mic2025
from mic2025.evaluate import evaluate
from mic2025.evaluate.status import STATUSES

ORDER = ("growth_ratio", "unsd_gap", "trend")
RANK = {"achieved": 5, "on_track": 4, "needs_acceleration": 3, "stagnating": 2, "regressing": 1}
KEY = ("target", "indicator", "area", "sector")


def expected_headline(card: pd.DataFrame) -> dict[tuple, dict]:
    out = {}
    for key, rows in card.groupby(list(KEY), sort=False):
        by_method = {r["method"]: r for _, r in rows.iterrows()}
        assert set(by_method) == set(ORDER)
        judged = [m for m in ORDER if by_method[m]["status"] in RANK]
        if judged:
            worst = min(judged, key=lambda m: (RANK[by_method[m]["status"]], ORDER.index(m)))
            decided = worst
        else:
            worst, decided = ORDER[0], ""
        r = by_method[worst]
        out[key] = {
            "status": r["status"],
            "decided_by": decided,
            "methods": {m: by_method[m]["status"] for m in ORDER},
            "progress_ratio": r["progress_ratio"],
            "latest_value": r["latest_value"],
            "latest_period": r["latest_period"],
            "target_value": r["target_value"],
            "target_year": r["target_year"],
            "baseline_value": r["baseline_value"],
            "baseline_year": r["baseline_year"],
            "gap": r["gap"],
            "unit": r["unit"],
            "proxy": bool(r["proxy"]),
            "note": r["note"],
        }
    return out


def same(a: object, b: object) -> bool:
    missing = [v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA for v in (a, b)]
    if any(missing):
        return all(missing)
    if isinstance(a, float | int) and isinstance(b, float | int):
        return a == pytest.approx(b, rel=1e-12, abs=1e-12)
    return a == b


@pytest.fixture(scope="module")
def store(bundled_db: Path):
    with mic2025.open(bundled_db, read_only=True) as m:
        yield m


@pytest.mark.parametrize(
    "params",
    [{}, {"milestone": 2020}, {"milestone": 2025}, {"as_of": "2018-01-01"}, {"area": "CN"}],
    ids=["all", "2020", "2025", "as_of", "area"],
)
def test_api_evaluation_equals_the_engine(reader: TestClient, store, params: dict) -> None:
    # the figures in force at ``as_of`` (a later revision must not hide an earlier figure)
    card = evaluate(store.plan, store.observations(as_of=params.get("as_of")), **params)
    want = expected_headline(card)
    body = reader.get("/api/evaluation", params=params).json()
    got = {tuple(r[k] for k in KEY): r for r in body["headline"]}
    assert set(got) == set(want)
    assert len(want) > 10
    for key, exp in want.items():
        row = got[key]
        for field, value in exp.items():
            assert same(row[field], value), (key, field, row[field], value)
    judged = Counter(v["status"] for v in want.values() if not v["proxy"])
    assert body["counts"] == {s: judged.get(s, 0) for s in STATUSES}
    # the roll-up counts the same headline statuses
    overall = [r for r in body["rollup"] if r["dimension"] == "category"]
    assert sum(r["total"] for r in overall) == sum(judged.values())


def test_the_bundled_data_exercise_every_judged_status(reader: TestClient) -> None:
    """So the row-by-row comparison above is not a comparison of empty cases."""
    body = reader.get("/api/evaluation").json()
    seen = {r["status"] for r in body["headline"]}
    assert {"achieved", "insufficient_data"} <= seen and len(seen) >= 4
    assert {r["decided_by"] for r in body["headline"]} >= {"growth_ratio", ""}
