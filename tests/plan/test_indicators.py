"""The built-in plan's key indicators match the table 2020 年和 2025 年制造业主要指标.

The expected values below are written out from the Chinese original (Guofa [2015] No. 28,
part 二 (三), the key indicator table and its footnotes), not read from the plan file.
"""

from __future__ import annotations

import pytest

from mic2025.plan import LANGUAGES, Plan, default_plan

# id, category, unit, direction, baselines, ref note (footnote)
KEY_TABLE = [
    ("rd_intensity", "innovation", "pct", "higher", {2013: 0.88, 2015: 0.95}, None),
    (
        "invention_patents_intensity",
        "innovation",
        "patents_per_100m_cny",
        "higher",
        {2013: 0.36, 2015: 0.44},
        "1",
    ),
    (
        "quality_competitiveness_index",
        "quality_efficiency",
        "index_points",
        "higher",
        {2013: 83.1, 2015: 83.5},
        "2",
    ),
    ("value_added_rate", "quality_efficiency", "pct", "higher", {}, None),
    ("labour_productivity_growth", "quality_efficiency", "pct_change_yoy", "higher", {}, None),
    ("broadband_penetration", "informatisation", "pct", "higher", {2013: 37, 2015: 50}, "3"),
    ("digital_design_tools", "informatisation", "pct", "higher", {2013: 52, 2015: 58}, "4"),
    ("cnc_ratio", "informatisation", "pct", "higher", {2013: 27, 2015: 33}, "5"),
    ("energy_intensity", "green", "index_2015_eq_100", "lower", {2015: 100}, None),
    ("co2_intensity", "green", "index_2015_eq_100", "lower", {2015: 100}, None),
    ("water_intensity", "green", "index_2015_eq_100", "lower", {2015: 100}, None),
    ("solid_waste_utilisation", "green", "pct", "higher", {2013: 62, 2015: 65}, None),
]

# indicator id -> [(year, kind, value, base_year, period_start, approximate)]
KEY_TARGETS = {
    "rd_intensity": [(2020, "level", 1.26, None, None, False), (2025, "level", 1.68, None, None, False)],
    "invention_patents_intensity": [
        (2020, "level", 0.70, None, None, False),
        (2025, "level", 1.10, None, None, False),
    ],
    "quality_competitiveness_index": [
        (2020, "level", 84.5, None, None, False),
        (2025, "level", 85.5, None, None, False),
    ],
    "value_added_rate": [
        (2020, "pp_change", 2, 2015, None, False),
        (2025, "pp_change", 4, 2015, None, False),
    ],
    "labour_productivity_growth": [
        (2020, "average_annual_growth", 7.5, None, 2016, True),
        (2025, "average_annual_growth", 6.5, None, 2021, True),
    ],
    "broadband_penetration": [(2020, "level", 70, None, None, False), (2025, "level", 82, None, None, False)],
    "digital_design_tools": [(2020, "level", 72, None, None, False), (2025, "level", 84, None, None, False)],
    "cnc_ratio": [(2020, "level", 50, None, None, False), (2025, "level", 64, None, None, False)],
    "energy_intensity": [
        (2020, "change_from_base", -18, 2015, None, False),
        (2025, "change_from_base", -34, 2015, None, False),
    ],
    "co2_intensity": [
        (2020, "change_from_base", -22, 2015, None, False),
        (2025, "change_from_base", -40, 2015, None, False),
    ],
    "water_intensity": [
        (2020, "change_from_base", -23, 2015, None, False),
        (2025, "change_from_base", -41, 2015, None, False),
    ],
    "solid_waste_utilisation": [
        (2020, "level", 73, None, None, False),
        (2025, "level", 79, None, None, False),
    ],
}

WITH_FORMULA = {
    "invention_patents_intensity",
    "broadband_penetration",
    "digital_design_tools",
    "cnc_ratio",
}  # footnotes 1, 3, 4, 5
SHARES_OF_UNITS = {"broadband_penetration", "digital_design_tools", "cnc_ratio", "solid_waste_utilisation"}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


def test_twelve_key_indicators_in_table_order(plan: Plan) -> None:
    assert [i.id for i in plan.key_indicators()] == [row[0] for row in KEY_TABLE]
    # the key indicators come first in the file
    assert [i.id for i in plan.indicators[:12]] == [row[0] for row in KEY_TABLE]


@pytest.mark.parametrize(("ind_id", "category", "unit", "direction", "baselines", "note"), KEY_TABLE)
def test_key_indicator_definition(
    plan: Plan, ind_id: str, category: str, unit: str, direction: str, baselines: dict, note: str | None
) -> None:
    ind = plan.indicator(ind_id)
    assert ind.key
    assert ind.category == category
    assert ind.unit == unit
    assert ind.direction == direction
    assert ind.baselines == baselines
    assert ind.ref.section == "2.3"
    assert ind.ref.note == note
    assert ind.proxy_of is None
    assert (ind.formula is not None) == (ind_id in WITH_FORMULA)
    assert ind.upper_bound == (100 if ind_id in SHARES_OF_UNITS else None)


@pytest.mark.parametrize("ind_id", list(KEY_TARGETS))
def test_key_indicator_targets(plan: Plan, ind_id: str) -> None:
    ind = plan.indicator(ind_id)
    got = [(t.year, t.kind, t.value, t.base_year, t.period_start, t.approximate) for t in ind.targets]
    assert got == KEY_TARGETS[ind_id]
    for t in ind.targets:
        assert t.id == f"{ind_id}_{t.year}"
        assert t.metric == ind_id
        assert t.unit == ind.unit
        assert t.ref.section == "2.3"


def test_no_invented_value_added_baseline(plan: Plan) -> None:
    assert plan.indicator("value_added_rate").baselines == {}
    assert plan.indicator("labour_productivity_growth").baselines == {}


def test_every_indicator_label_in_five_languages(plan: Plan) -> None:
    for ind in plan.indicators:
        assert ind.labels.missing_languages() == [], ind.id
        for text in (ind.formula, ind.description):
            if text is not None:
                assert text.missing_languages() == [], ind.id
    for unit in plan.units:
        assert unit.labels.missing_languages() == [], unit.id
    assert set(LANGUAGES) == {"en", "zh-Hans", "zh-Hant", "ja", "ko"}


def test_every_unit_used_is_defined_and_every_target_uses_its_metric_unit(plan: Plan) -> None:
    units = {u.id for u in plan.units}
    by_id = {i.id: i for i in plan.indicators}
    for ind in plan.indicators:
        assert ind.unit in units
    for target in plan.targets():
        assert target.unit == by_id[target.metric].unit, target.id


def test_target_ids_unique(plan: Plan) -> None:
    ids = [t.id for t in plan.targets()]
    assert len(ids) == len(set(ids))


def test_proxies_and_project_metrics_are_well_formed(plan: Plan) -> None:
    project_ids = {p.id for p in plan.projects}
    for ind in plan.indicators:
        if ind.proxy_of is not None:
            assert not ind.key
            assert ind.targets == []
        if ind.category == "project":
            assert ind.project in project_ids, ind.id
        else:
            assert ind.project is None, ind.id
        if not ind.key:
            assert ind.targets == [], f"{ind.id}: only key indicators carry targets here"


def test_traditional_chinese_uses_mainland_terms(plan: Plan) -> None:
    hant = " ".join(i.labels.get("zh-Hant") for i in plan.indicators)
    assert "寬帶" in hant and "數字化" in hant  # the strategy's terms in Traditional script
    assert "寬頻" not in hant and "數位" not in hant  # not Taiwan usage
    assert "宽带" not in hant and "数字化" not in hant
