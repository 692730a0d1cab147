"""The bundled national observations (data/national) agree with the plan and the original file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from mic2025.plan import Plan, default_plan

NATIONAL = Path(__file__).resolve().parents[2] / "data" / "national"
COLUMNS = ["indicator", "area", "sector", "entity", "period", "value", "unit", "status",
           "source", "vintage", "note", "origin_row"]
SOURCE_COLUMNS = ["id", "publisher", "title", "table", "url", "licence", "published",
                  "retrieved", "note"]
ORIGINAL_SHA256 = "0acf84532bf7921eefd2f260834c440df16cc0f4e9756dba0a453c0e4515ce11"
PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MISSING = {"invention_patents_intensity", "co2_intensity"}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (NATIONAL / name).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _period_start(period: str) -> dt.date:
    year = int(period[:4])
    if "-Q" in period:
        return dt.date(year, 3 * int(period[-1]) - 2, 1)
    if len(period) == 7:
        return dt.date(year, int(period[5:]), 1)
    return dt.date(year, 1, 1)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


@pytest.fixture(scope="module")
def observations() -> list[dict[str, str]]:
    columns, rows = _read("observations.csv")
    assert columns == COLUMNS
    return rows


@pytest.fixture(scope="module")
def baselines() -> list[dict[str, str]]:
    columns, rows = _read("plan_baselines.csv")
    assert columns == COLUMNS
    return rows


@pytest.fixture(scope="module")
def original() -> list[dict[str, str]]:
    return _read("mic2025_national_observations.csv")[1]


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    columns, rows = _read("sources.csv")
    assert columns == SOURCE_COLUMNS
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    return {r["id"]: r for r in rows}


def test_original_is_the_unchanged_copy() -> None:
    digest = hashlib.sha256((NATIONAL / "mic2025_national_observations.csv").read_bytes())
    assert digest.hexdigest() == ORIGINAL_SHA256


def test_indicators_exist_and_units_match(plan: Plan, observations, baselines) -> None:
    for row in observations + baselines:
        indicator = plan.indicator(row["indicator"])
        assert row["unit"] == indicator.unit, row


def test_fixed_columns(observations, baselines) -> None:
    for row in observations + baselines:
        assert row["area"] == "CN"
        assert row["sector"] == "_T"
        assert row["entity"] == ""
        assert row["status"] in {"A", "E", "P"}
        float(row["value"])


def test_sources_resolve(observations, baselines, sources) -> None:
    for row in observations + baselines:
        assert row["source"] in sources, row
    for sid, src in sources.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", sid)
        assert DATE.match(src["published"]) and src["retrieved"] == "2026-11-21"
        assert src["licence"] and src["publisher"] and src["title"] and src["url"]


def test_vintage_is_the_source_date_and_not_before_the_period(observations, sources) -> None:
    for row in observations:
        assert DATE.match(row["vintage"])
        assert row["vintage"] == sources[row["source"]]["published"]
        assert dt.date.fromisoformat(row["vintage"]) >= _period_start(row["period"]), row


def test_periods_are_iso(observations, baselines) -> None:
    for row in observations + baselines:
        assert PERIOD.match(row["period"]), row["period"]


def test_values_equal_the_original(observations, original) -> None:
    covered = set()
    for row in observations:
        n = int(row["origin_row"])
        covered.add(n)
        source_row = original[n - 1]
        assert row["period"][:4] == source_row["year"], row
        if "Converted" in row["note"]:
            # a cumulative change vs 2015 turned into the 2015 = 100 level, exactly
            assert row["unit"] == "index_2015_eq_100"
            assert row["status"] == "E"
            assert float(row["value"]) == pytest.approx(100 + float(source_row["value"]))
            assert "vs 2015" in source_row["unit"] or "2016-2020" in source_row["unit"]
        else:
            assert float(row["value"]) == float(source_row["value"]), row
    assert covered == set(range(1, len(original) + 1)), "every original row is used"


def test_converted_rows_keep_the_original_change(observations) -> None:
    by_origin: dict[str, list[dict[str, str]]] = {}
    for row in observations:
        by_origin.setdefault(row["origin_row"], []).append(row)
    converted = [r for r in observations if "Converted" in r["note"]]
    assert {r["indicator"] for r in converted} == {"energy_intensity", "water_intensity"}
    for row in converted:
        siblings = by_origin[row["origin_row"]]
        assert any(s["unit"] == "pct_change_cum" for s in siblings), row


def test_variant_ids_of_the_original_never_meet_in_one_indicator(observations, original) -> None:
    seen: dict[str, set[str]] = {}
    for row in observations:
        if "Converted" in row["note"]:
            continue
        prefix = original[int(row["origin_row"]) - 1]["indicator_id"].split("_")[0]
        seen.setdefault(row["indicator"], set()).add(prefix)
    for indicator, prefixes in seen.items():
        assert len(prefixes) == 1, (indicator, prefixes)


def test_no_duplicate_observation_keys(observations) -> None:
    keys = [(r["indicator"], r["period"], r["vintage"]) for r in observations]
    assert len(keys) == len(set(keys))


def test_missing_indicators_have_no_rows(observations) -> None:
    assert not MISSING & {r["indicator"] for r in observations}
    readme = (NATIONAL / "README.md").read_text(encoding="utf-8")
    for indicator in MISSING:
        assert indicator in readme


def test_scope_matches_for_key_indicators(plan: Plan, observations) -> None:
    """Proxies are used for the scopes the original file flags as different."""
    by_row = {int(r["origin_row"]): r["indicator"] for r in observations
              if "Converted" not in r["note"]}
    assert by_row[3] == "rd_intensity_industry"  # industry-wide
    assert by_row[4] == by_row[5] == by_row[6] == "rd_intensity_hitech_mfg"
    assert by_row[31] == "cnc_enterprises_share"  # share of enterprises, other definition
    assert by_row[33] == "cnc_ratio"  # above designated size: the strategy's scope
    assert by_row[32] == "cnc_ratio_all_enterprises"
    for n in (56, 57, 58):
        assert plan.indicator(by_row[n]).proxy_of == "solid_waste_utilisation"
    for n in (60, 61):
        assert plan.indicator(by_row[n]).proxy_of == "solid_waste_utilisation"


def test_baselines_equal_the_plan_table(plan: Plan, baselines) -> None:
    got = {(r["indicator"], int(r["period"])): float(r["value"]) for r in baselines}
    expected = {(i.id, year): value for i in plan.key_indicators()
                for year, value in i.baselines.items()}
    assert got == expected
    assert len(baselines) == 17
    for row in baselines:
        assert row["source"] == "mic2025_plan_table"
        assert row["vintage"] == "2015-05-08"
        # the strategy stated its 2015 column in May 2015, before that year ended
        assert row["status"] == ("E" if row["period"] == "2015" else "A")
        assert row["origin_row"] == ""
        if row["unit"] == "index_2015_eq_100":
            assert row["note"].startswith("index base by definition")
