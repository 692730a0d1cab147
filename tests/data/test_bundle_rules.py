"""Every bundled data file keeps the product's promises: sources, grades, scope, bounds, gaps."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mic2025.plan import Plan, default_plan
from mic2025.store.areas import PROVINCES
from mic2025.vocabulary import GAP_REASONS

from .rules import (
    DATA,
    DATE,
    GRADES,
    OBSERVATION_FILES,
    PERIOD,
    QUALIFIERS,
    SOURCE_FILES,
    period_end,
    read_csv,
    scope_problems,
)

CIP_COUNTRIES = {"CHN", "USA", "DEU", "JPN", "KOR", "GBR", "FRA", "IND", "BRA"}
PROVINCE_COLUMNS = [
    "indicator",
    "area",
    "sector",
    "entity",
    "period",
    "value",
    "unit",
    "status",
    "source",
    "vintage",
    "note",
    "qualifier",
    "scope",
    "quote",
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict[str, str]]]:
    return {name: read_csv(DATA / name)[1] for name in OBSERVATION_FILES}


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, dict[str, str]]]:
    out = {}
    for name in SOURCE_FILES:
        out[name] = {r["id"]: r for r in read_csv(DATA / name)[1]}
    return out


def test_every_indicator_has_a_known_scope(plan: Plan) -> None:
    scopes = {s.id for s in plan.scopes}
    for ind in plan.indicators:
        assert ind.scope in scopes, ind.id
        assert ind.agency is not None and ind.agency.missing_languages() == [], ind.id
        assert ind.periodicity is not None, ind.id
    for scope in plan.scopes:
        assert scope.labels.missing_languages() == [], scope.id


def test_every_row_has_its_indicators_scope(plan: Plan, rows) -> None:
    scope_of = {i.id: i.scope for i in plan.indicators}
    for name, file_rows in rows.items():
        assert scope_problems(file_rows, scope_of) == [], name


def test_the_scope_check_catches_a_misfiled_row(plan: Plan, rows) -> None:
    scope_of = {i.id: i.scope for i in plan.indicators}
    row = next(r for r in rows["national/observations.csv"] if r["indicator"] == "cnc_ratio_key_enterprises")
    misfiled = dict(row, indicator="cnc_ratio")  # a 重点工业企业 figure in the key series
    assert scope_problems([misfiled], scope_of)


def test_rows_are_well_formed(plan: Plan, rows, sources) -> None:
    for name, file_rows in rows.items():
        folder = name.split("/")[0]
        known = sources[f"{folder}/sources.csv"]
        for r in file_rows:
            ind = plan.indicator(r["indicator"])
            assert r["unit"] == ind.unit, r
            assert r["qualifier"] in QUALIFIERS, r
            assert PERIOD.match(r["period"]) and DATE.match(r["vintage"]), r
            assert r["source"] in known, r
            value = float(r["value"])
            unit = plan.unit(r["unit"])
            if unit.kind == "share":
                assert 0 <= value <= 100, r
            if unit.kind in ("count", "level"):
                assert value >= 0, r
            if unit.kind == "count":
                assert value == int(value), r
            assert r["vintage"] == known[r["source"]]["published"], r
            if r["vintage"] < period_end(r["period"]).isoformat():
                # published before the period ended: provisional, estimate or forecast only
                assert r["status"] in {"P", "E", "F"}, r


def test_sources_are_graded_and_agree_across_folders(sources) -> None:
    for name, table in sources.items():
        for sid, src in table.items():
            assert src["grade"] in GRADES, (name, sid)
            assert src["url"] and src["publisher"] and DATE.match(src["published"]), sid
    national, provinces = sources["national/sources.csv"], sources["provinces/sources.csv"]
    for sid in set(national) & set(provinces):
        assert national[sid] == provinces[sid], sid


def test_province_file(rows) -> None:
    columns, _ = read_csv(DATA / "provinces/observations.csv")
    assert columns == PROVINCE_COLUMNS
    file_rows = rows["provinces/observations.csv"]
    keys = [(r["indicator"], r["area"], r["period"], r["vintage"]) for r in file_rows]
    assert len(keys) == len(set(keys))
    for r in file_rows:
        assert r["area"] in PROVINCES, r
        assert r["sector"] == "_T" and r["entity"] == "" and r["status"] in {"A", "E"}
        assert len(r["quote"]) > 10 and r["value"].lstrip("-").split(".")[0] in r["quote"], r


def test_three_indicators_cover_all_provinces_for_two_years(rows) -> None:
    areas: dict[tuple[str, str], set[str]] = {}
    for r in rows["provinces/observations.csv"]:
        areas.setdefault((r["indicator"], r["period"]), set()).add(r["area"])
    full: dict[str, set[str]] = {}
    for (indicator, period), found in areas.items():
        if found == set(PROVINCES):
            full.setdefault(indicator, set()).add(period)
    assert len([i for i, years in full.items() if len(years) >= 2]) >= 3, full


def test_gap_register(plan: Plan, rows) -> None:
    columns, gaps = read_csv(DATA / "gaps.csv")
    assert columns == [
        "indicator",
        "target",
        "area",
        "periods_missing",
        "reason",
        "searched",
        "finding",
        "checked",
    ]
    targets = {t.id: t for t in plan.targets()}
    registered = set()
    for g in gaps:
        plan.indicator(g["indicator"])
        assert g["area"] == "CN" and g["checked"] == "2026-12-02"
        assert g["reason"] in GAP_REASONS, g
        assert re.fullmatch(r"\d{4}(-\d{4})?", g["periods_missing"]), g
        for tid in g["target"].split("; "):
            assert targets[tid].metric == g["indicator"], g
            registered.add(tid)
        assert len(g["searched"]) > 40 and g["finding"].endswith("."), g
    # every target whose own metric has no national figure after 2020 is registered
    national = rows["national/observations.csv"]
    latest: dict[str, int] = {}
    for r in national:
        latest[r["indicator"]] = max(latest.get(r["indicator"], 0), int(r["period"][:4]))
    for tid, target in targets.items():
        if latest.get(target.metric, 0) <= 2020:
            assert tid in registered, tid


def test_cip_ranks() -> None:
    columns, ranks = read_csv(DATA / "international/unido_cip_ranks.csv")
    assert columns == [
        "iso3",
        "reference_year",
        "rank",
        "score",
        "edition",
        "published",
        "source_publisher",
        "source_title",
        "source_url",
        "grade",
        "quote",
        "note",
    ]
    seen = set()
    for r in ranks:
        assert r["iso3"] in CIP_COUNTRIES and int(r["rank"]) >= 1, r
        assert dt.date.fromisoformat(r["published"]).year > int(r["reference_year"]), r
        assert r["grade"] in GRADES and r["quote"] and r["source_url"], r
        key = (r["iso3"], r["reference_year"], r["edition"])
        assert key not in seen
        seen.add(key)
    in_2010 = {r["iso3"] for r in ranks if r["reference_year"] == "2010"}
    assert in_2010 == CIP_COUNTRIES


def test_sources_md_indexes_every_data_file() -> None:
    index = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert "strategy/README.md" in index
    for path in sorted(DATA.rglob("*")):
        rel = path.relative_to(DATA).as_posix()
        if path.is_dir() or rel.startswith("strategy/") or rel == "SOURCES.md":
            continue
        assert f"`{rel}`" in index, rel
