"""``GET /api/evaluation`` equals the evaluation engine, row by row, on the bundled data.

The oracle is the library itself on the same store's figures: ``evaluate`` for what every
method found and ``assess_store`` for the verdicts.  The verdict rules have their own
hand-computed tests (``tests/evaluate/test_verdicts.py``); here the question is whether
the API passes every field through unchanged, for every query form.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

import mic2025
from mic2025.evaluate import DEFAULT_METHODS, assess_store, evaluate
from mic2025.evaluate.status import STATUSES

KEY = ("target", "indicator", "area", "sector")
FIELDS = (
    "status", "final", "provisional", "unit", "proxy", "target_value", "target_year",
    "baseline_value", "baseline_year", "evidence_period", "evidence_value",
    "evidence_qualifier", "evidence_source", "evidence_grade", "weak_source", "n_points",
    "share_travelled", "gap",
)  # fmt: skip


def method_statuses(card: pd.DataFrame) -> dict[tuple, dict[str, str]]:
    """What each method found, per target (every default method reports every target)."""
    out = {}
    for key, rows in card.groupby(list(KEY), sort=False):
        by_method = dict(zip(rows["method"], rows["status"], strict=True))
        assert set(by_method) == set(DEFAULT_METHODS)
        out[key] = by_method
    return out


def expected_headline(store, params: dict) -> dict[tuple, dict]:
    as_of = dt.date.fromisoformat(params["as_of"]) if "as_of" in params else None
    result = assess_store(
        store, as_of=as_of, milestone=params.get("milestone"), area=params.get("area", "CN")
    )
    out = {}
    for _, r in result.heads.iterrows():
        out[tuple(r[k] for k in KEY)] = {f: (r[f].item() if hasattr(r[f], "item") else r[f]) for f in FIELDS}
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
    want = expected_headline(store, params)
    body = reader.get("/api/evaluation", params=params).json()
    got = {tuple(r[k] for k in KEY): r for r in body["headline"]}
    assert set(got) == set(want)
    assert len(want) > 10
    for key, exp in want.items():
        row = got[key]
        for field, value in exp.items():
            assert same(row[field], value), (key, field, row[field], value)
    # the per-method statuses are the engine's, on the figures in force at ``as_of``
    card = evaluate(store.plan, store.observations(as_of=params.get("as_of")), **params)
    for key, statuses in method_statuses(card).items():
        if key in got:
            assert got[key]["methods"] == statuses, key
    judged = Counter(v["status"] for v in want.values() if not v["proxy"])
    assert body["counts"] == {s: judged.get(s, 0) for s in STATUSES}
    # the roll-up counts the same headline statuses
    overall = [r for r in body["rollup"] if r["dimension"] == "category"]
    assert sum(r["total"] for r in overall) == sum(judged.values())


def test_the_bundled_data_exercise_every_kind_of_verdict(reader: TestClient) -> None:
    """So the row-by-row comparison above is not a comparison of empty cases."""
    body = reader.get("/api/evaluation").json()
    seen = {r["status"] for r in body["headline"]}
    assert {"achieved", "not_achieved", "not_yet_known"} <= seen
    mid_term = reader.get("/api/evaluation", params={"as_of": "2018-01-01"}).json()
    assert len({r["status"] for r in mid_term["headline"]}) >= 4
