"""The five major projects (专栏 1-5) and every number their boxes state.

Expected values are written out from the Chinese original (Guofa [2015] No. 28), not read
from the plan file.
"""

from __future__ import annotations

import pytest

from mic2025.plan import Plan, default_plan

# id, number, section, box
PROJECTS = [
    ("innovation_centres", 1, "3.1", 1),  # 制造业创新中心（工业技术研究基地）建设工程
    ("smart_manufacturing", 2, "3.2", 2),  # 智能制造工程
    ("strong_basics", 3, "3.3", 3),  # 工业强基工程
    ("green_manufacturing", 4, "3.5", 4),  # 绿色制造工程
    ("high_end_equipment", 5, "3.6", 5),  # 高端装备创新工程
]

# project id -> [(metric, kind, value, year, base_year, approximate)]
TARGETS = {
    "innovation_centres": [
        ("innovation_centres_cum", "count", 15, 2020, None, True),  # 15 家左右
        ("innovation_centres_cum", "count", 40, 2025, None, True),  # 40 家左右
    ],
    "smart_manufacturing": [
        ("smart_pilot_cost_reduction", "share", 30, 2020, None, False),
        ("smart_pilot_cycle_reduction", "share", 30, 2020, None, False),
        ("smart_pilot_defect_reduction", "share", 30, 2020, None, False),
        ("smart_pilot_cost_reduction", "share", 50, 2025, None, False),
        ("smart_pilot_cycle_reduction", "share", 50, 2025, None, False),
        ("smart_pilot_defect_reduction", "share", 50, 2025, None, False),
    ],
    "strong_basics": [
        ("strong_basics_self_assured_share", "share", 40, 2020, None, False),
        ("strong_basics_self_assured_share", "share", 70, 2025, None, False),
        ("strong_basics_advanced_processes", "count", 80, 2025, None, False),
    ],
    "green_manufacturing": [
        ("green_factories_cum", "count", 1000, 2020, None, False),
        ("green_parks_cum", "count", 100, 2020, None, False),
        ("green_pollutant_intensity", "change_from_base", -20, 2020, 2015, False),
    ],
    "high_end_equipment": [],  # the box states no number
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


def test_five_projects_in_document_order(plan: Plan) -> None:
    assert [(p.id, p.number, p.ref.section, p.ref.box) for p in plan.projects] == PROJECTS


@pytest.mark.parametrize("project_id", list(TARGETS))
def test_project_targets(plan: Plan, project_id: str) -> None:
    project = next(p for p in plan.projects if p.id == project_id)
    got = [(t.metric, t.kind, t.value, t.year, t.base_year, t.approximate) for t in project.targets]
    assert got == TARGETS[project_id]
    for t in project.targets:
        metric = plan.indicator(t.metric)
        assert metric.category == "project"
        assert metric.project == project_id
        assert t.unit == metric.unit
        assert t.ref.box == project.ref.box
        assert t.ref.section == project.ref.section


def test_all_five_languages(plan: Plan) -> None:
    for project in plan.projects:
        assert project.labels.missing_languages() == [], project.id
        assert project.description is not None
        assert project.description.missing_languages() == [], project.id
        for t in project.targets:
            if t.labels is not None:
                assert t.labels.missing_languages() == [], t.id


def test_descriptions_carry_the_numbers(plan: Plan) -> None:
    """Each description restates its box's figures in every language."""
    figures = {
        "innovation_centres": ["15", "40"],
        "smart_manufacturing": ["30", "50"],
        "strong_basics": ["40", "70", "80"],
        "green_manufacturing": ["20"],
    }
    for project in plan.projects:
        for lang in ("en", "zh-Hans", "zh-Hant", "ja", "ko"):
            text = project.description.get(lang)
            for figure in figures.get(project.id, []):
                assert figure in text, (project.id, lang, figure)
