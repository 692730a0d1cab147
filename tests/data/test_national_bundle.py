"""The bundled national observations (data/national) agree with the plan and the original file."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from mic2025.plan import Plan, default_plan

from .rules import DATE, GRADES, PERIOD, QUALIFIERS, period_end, read_csv

NATIONAL = Path(__file__).resolve().parents[2] / "data" / "national"
COLUMNS = [
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
    "origin_row",
    "qualifier",
    "scope",
    "quote",
]
SOURCE_COLUMNS = [
    "id",
    "publisher",
    "title",
    "table",
    "url",
    "licence",
    "published",
    "retrieved",
    "note",
    "grade",
    "title_original",
    "publisher_original",
]
ORIGINAL_SHA256 = "0acf84532bf7921eefd2f260834c440df16cc0f4e9756dba0a453c0e4515ce11"
MISSING = {"invention_patents_intensity", "co2_intensity"}
DROPPED: set[int] = set()
"""Rows of the original file left out on purpose (explained in the README); none today."""
EARLY = {"P", "E", "F"}
"""Statuses a figure published before its period ended must carry."""
CONVERTED = {"energy_intensity", "water_intensity", "green_pollutant_intensity"}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    return read_csv(NATIONAL / name)


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
        assert row["qualifier"] in QUALIFIERS, row
        float(row["value"])


def test_sources_resolve(observations, baselines, sources) -> None:
    for row in observations + baselines:
        assert row["source"] in sources, row
    for sid, src in sources.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", sid)
        assert DATE.match(src["published"]) and src["retrieved"] in {"2026-11-21", "2026-12-02"}
        assert src["licence"] and src["publisher"] and src["title"] and src["url"]
        assert src["grade"] in GRADES, sid
    unused = set(sources) - {r["source"] for r in observations + baselines}
    for sid in unused:  # kept for the record of rows left out on purpose
        assert "no bundled row" in sources[sid]["note"], sid


def test_weak_and_secondary_sources_say_why(sources) -> None:
    for sid, src in sources.items():
        if src["grade"] == "weak":
            assert "weak" in src["note"], sid


def test_vintage_is_the_source_date_and_not_before_the_period_end(observations, sources) -> None:
    for row in observations:
        assert DATE.match(row["vintage"])
        assert row["vintage"] == sources[row["source"]]["published"], row
        # published before its period ended: only as provisional, estimate or forecast
        if row["vintage"] < period_end(row["period"]).isoformat():
            assert row["status"] in EARLY, row


def test_periods_are_iso(observations, baselines) -> None:
    for row in observations + baselines:
        assert PERIOD.match(row["period"]), row["period"]


def test_values_equal_the_original(observations, original) -> None:
    covered = set()
    for row in observations:
        if not row["origin_row"]:
            continue
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
    assert covered == set(range(1, len(original) + 1)) - DROPPED, "every original row is used"
    readme = (NATIONAL / "README.md").read_text(encoding="utf-8")
    for n in sorted(DROPPED):
        assert f"row {n}" in readme, f"dropped row {n} is explained in the README"


def test_new_rows_quote_their_source(observations) -> None:
    new = [r for r in observations if not r["origin_row"]]
    assert len(new) >= 50
    for row in new:
        assert len(row["quote"]) >= 10, row
        digits = re.sub(r"\D", "", row["value"].lstrip("-").split(".")[0])
        if "Converted" not in row["note"]:
            assert digits in re.sub(r"[,\s]", "", row["quote"]), row


def test_converted_rows_keep_the_original_change(plan: Plan, observations) -> None:
    converted = [r for r in observations if "Converted" in r["note"]]
    assert {r["indicator"] for r in converted} == CONVERTED
    for row in converted:
        siblings = [
            s
            for s in observations
            if s["source"] == row["source"]
            and s["period"] == row["period"]
            and s["unit"] == "pct_change_cum"
            and plan.indicator(s["indicator"]).proxy_of == row["indicator"]
        ]
        assert siblings, row
        change = float(siblings[0]["value"])
        assert float(row["value"]) == pytest.approx(100 + change)
        # a bound on the change is the same bound on the level
        assert row["qualifier"] == siblings[0]["qualifier"]


def test_variant_ids_of_the_original_never_meet_in_one_indicator(observations, original) -> None:
    seen: dict[str, set[str]] = {}
    for row in observations:
        if "Converted" in row["note"] or not row["origin_row"]:
            continue
        prefix = original[int(row["origin_row"]) - 1]["indicator_id"].split("_")[0]
        seen.setdefault(row["indicator"], set()).add(prefix)
    for indicator, prefixes in seen.items():
        assert len(prefixes) == 1, (indicator, prefixes)


def test_no_duplicate_observation_keys(observations) -> None:
    keys = [
        (r["indicator"], r["area"], r["sector"], r["entity"], r["period"], r["vintage"]) for r in observations
    ]
    assert len(keys) == len(set(keys))


def test_missing_indicators_have_no_rows(observations) -> None:
    assert not MISSING & {r["indicator"] for r in observations}
    readme = (NATIONAL / "README.md").read_text(encoding="utf-8")
    for indicator in MISSING:
        assert indicator in readme


def test_scope_moves_for_cnc_and_design_tools(plan: Plan, observations) -> None:
    """Figures of the same MIIT sentence share a scope; only 规模以上 figures are key."""
    by_row = {
        int(r["origin_row"]): r["indicator"]
        for r in observations
        if r["origin_row"] and "Converted" not in r["note"]
    }
    assert by_row[3] == "rd_intensity_industry"  # industry-wide
    assert by_row[4] == by_row[5] == by_row[6] == "rd_intensity_hitech_mfg"
    assert by_row[31] == "cnc_enterprises_share"  # share of enterprises, other definition
    # SCIO June 2022 and Qiushi 2024: "industrial enterprises nationwide", both figures
    assert by_row[32] == by_row[34] == "cnc_ratio_all_enterprises"
    assert by_row[27] == by_row[29] == "digital_design_tools_all_enterprises"
    # SCIO February 2022: 规模以上工业企业 heads the sentence, both figures key
    assert by_row[33] == "cnc_ratio"
    assert by_row[28] == "digital_design_tools"
    # Jin Zhuanglong July 2024: 重点工业企业, both figures
    assert by_row[35] == "cnc_ratio_key_enterprises"
    assert by_row[30] == "digital_design_tools_key_enterprises"
    for n in (56, 57, 58, 60, 61):
        assert plan.indicator(by_row[n]).proxy_of == "solid_waste_utilisation"
    key = {"digital_design_tools", "cnc_ratio"}
    assert all(r["scope"] == "industry_above_size" for r in observations if r["indicator"] in key)


def test_bounds_in_the_original_quotes_are_kept(observations, original) -> None:
    by_row = {int(r["origin_row"]): r for r in observations if r["origin_row"]}
    for n in (37, 59, 64):  # 约 / 約 / about
        assert by_row[n]["qualifier"] == "~", n
    for row in observations:
        if row["origin_row"] and row["qualifier"]:
            quote = original[int(row["origin_row"]) - 1]["quote"]
            assert re.search(r"约|約|左右|超|以上|近|about|over|more than", quote), row


def test_baselines_equal_the_plan_table(plan: Plan, baselines) -> None:
    got = {(r["indicator"], int(r["period"])): float(r["value"]) for r in baselines}
    expected = {(i.id, year): value for i in plan.key_indicators() for year, value in i.baselines.items()}
    assert got == expected
    assert len(baselines) == 17
    text = (Path(__file__).resolve().parents[2] / "data" / "strategy" / "zh-Hans.txt").read_text(
        encoding="utf-8"
    )
    flat = re.sub(r"\s+", " ", text)
    for row in baselines:
        assert row["source"] == "mic2025_plan_table"
        assert row["vintage"] == "2015-05-08"
        # the strategy stated its 2015 column in May 2015, before that year ended
        assert row["status"] == ("E" if row["period"] == "2015" else "A")
        assert row["origin_row"] == ""
        if row["unit"] == "index_2015_eq_100":
            assert row["note"].startswith("index base by definition")
        else:
            assert row["quote"] in flat and row["value"] in row["quote"], row


def test_csv_is_plain_utf8() -> None:
    for name in ("observations.csv", "plan_baselines.csv", "sources.csv"):
        raw = (NATIONAL / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and b"\t" not in raw
        list(csv.reader(raw.decode("utf-8").splitlines()))
