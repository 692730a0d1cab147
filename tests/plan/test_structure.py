"""Structure of the built-in *Made in China 2025* plan: the strategy as data.

The checks are written as small functions that return a list of problems, so each one is
run twice: on the built-in plan (no problems expected) and on a deliberately broken copy
(problems expected) - a check that cannot fail is no check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from mic2025.plan import LANGUAGES, Element, Labels, Plan, default_plan, load_plan

# Characters that exist only in Simplified Chinese; a zh-Hant text must not contain them.
SIMPLIFIED_ONLY = set(
    "这们国发业产术设计质创经济应统绿机电车员导门间问题组织级资务为与进动实现开关体协调"
    "优网络软数据线类标层项专营环节农药疗医轨铁储输变装备属积权识链满"
)
GBT4754_CODE = re.compile(r"^[A-Z]\d{2,4}$")
MONITORING_ITEMS = {
    "org_statistical_monitoring",
    "org_performance_evaluation",
    "org_dynamic_adjustment",
    "org_mid_term_evaluation",
    "org_third_party_evaluation",
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


# -- helpers -------------------------------------------------------------------------


def elements(plan: Plan) -> Iterator[Element]:
    """Every strategy element of the plan, sub-items included."""
    yield from plan.steps
    yield from plan.principles
    yield from plan.guiding_approaches
    for task in plan.tasks:
        yield task
        yield from task.items
    yield from plan.projects
    for sector in plan.sectors:
        yield sector
        yield from sector.subsectors
    for measure in plan.measures:
        yield measure
        yield from measure.items
    yield from plan.indicators


def all_labels(plan: Plan) -> Iterator[tuple[str, Labels]]:
    """(where, labels) for every text of the plan: titles, labels and descriptions."""
    yield "title", plan.title
    yield "issuer", plan.issuer
    for el in elements(plan):
        yield el.id, el.labels
        if el.description is not None:
            yield f"{el.id}.description", el.description


def missing_language_problems(plan: Plan) -> list[str]:
    return [
        f"{where}: missing {missing}"
        for where, labels in all_labels(plan)
        if (missing := labels.missing_languages())
    ]


def duplicate_ids(plan: Plan) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for el in elements(plan):
        if el.id in seen:
            dupes.append(el.id)
        seen.add(el.id)
    return dupes


def simplified_in_traditional(plan: Plan) -> list[str]:
    problems = []
    for where, labels in all_labels(plan):
        bad = sorted({c for c in labels.zh_Hant or "" if c in SIMPLIFIED_ONLY})
        if bad:
            problems.append(f"{where}: {''.join(bad)} in {labels.zh_Hant!r}")
    return problems


def bad_gbt4754_codes(plan: Plan) -> list[str]:
    problems = []
    for sector in plan.sectors:
        if not sector.gbt4754:
            problems.append(f"{sector.id}: no GB/T 4754 code")
        for code in sector.gbt4754:
            if not GBT4754_CODE.match(code):
                problems.append(f"{sector.id}: malformed code {code!r}")
            elif code[0] == "C" and not 13 <= int(code[1:3]) <= 43:
                problems.append(f"{sector.id}: {code} is not a manufacturing division (13-43)")
            elif code[0] == "I" and not 63 <= int(code[1:3]) <= 65:
                problems.append(f"{sector.id}: {code} is not an ICT division (63-65)")
            elif code[0] not in "CI":
                problems.append(f"{sector.id}: {code} is outside manufacturing and ICT")
        if len(set(sector.gbt4754)) != len(sector.gbt4754):
            problems.append(f"{sector.id}: repeated code")
    return problems


# -- counts and numbering -------------------------------------------------------------


def test_identity(plan: Plan) -> None:
    assert plan.id == "mic2025"
    assert plan.document.en == "Guofa [2015] No. 28"
    assert plan.document.get("zh-Hans") == "国发〔2015〕28号"
    assert plan.issued.isoformat() == "2015-05-08"
    assert plan.title.get("zh-Hans") == "中国制造2025"


def test_three_steps(plan: Plan) -> None:
    assert [(s.number, s.year) for s in plan.steps] == [(1, 2025), (2, 2035), (3, 2049)]
    assert all(s.description is not None for s in plan.steps)


def test_four_principles_and_five_approaches(plan: Plan) -> None:
    assert len(plan.principles) == 4
    assert len(plan.guiding_approaches) == 5
    assert [a.labels.get("zh-Hans") for a in plan.guiding_approaches] == [
        "创新驱动",
        "质量为先",
        "绿色发展",
        "结构优化",
        "人才为本",
    ]


def test_nine_tasks_with_items(plan: Plan) -> None:
    assert [t.number for t in plan.tasks] == list(range(1, 10))
    for task in plan.tasks:
        assert len(task.items) >= 2, task.id
        assert task.description is not None, task.id


def test_ten_sectors_with_subsectors(plan: Plan) -> None:
    assert [s.number for s in plan.sectors] == list(range(1, 11))
    for sector in plan.sectors:
        assert len(sector.subsectors) >= 1, sector.id
        assert sector.description is not None, sector.id
    first = plan.sectors[0]
    assert [s.labels.get("zh-Hans") for s in first.subsectors] == [
        "集成电路及专用装备",
        "信息通信设备",
        "操作系统及工业软件",
    ]


def test_sector_codes(plan: Plan) -> None:
    assert bad_gbt4754_codes(plan) == []
    codes = {s.id: set(s.gbt4754) for s in plan.sectors}
    assert "C3973" in codes["sector_next_gen_it"]  # integrated circuits
    assert "C3491" in codes["sector_cnc_machine_tools_robots"]  # industrial robots
    assert "C3612" in codes["sector_new_energy_vehicles"]  # new-energy vehicles
    assert "C27" in codes["sector_biomedicine_medical_devices"]  # pharmaceuticals


def test_eight_measures(plan: Plan) -> None:
    assert [m.number for m in plan.measures] == list(range(1, 9))
    for measure in plan.measures:
        assert measure.description is not None, measure.id


def test_monitoring_mechanism_in_measure_8(plan: Plan) -> None:
    measure = next(m for m in plan.measures if m.number == 8)
    assert {i.id for i in measure.items} >= MONITORING_ITEMS
    others = [i.id for m in plan.measures if m.number != 8 for i in m.items]
    assert not MONITORING_ITEMS & set(others)


def test_document_references(plan: Plan) -> None:
    assert {s.ref.section for s in plan.steps} == {"2.3"}
    assert {p.ref.section for p in plan.principles} == {"2.2"}
    assert {a.ref.section for a in plan.guiding_approaches} == {"2.1"}
    for task in plan.tasks:
        assert task.ref.section == f"3.{task.number}"
        assert {i.ref.section for i in task.items} == {task.ref.section}
    for sector in plan.sectors:
        assert sector.ref.section == f"3.6.{sector.number}"
        assert {s.ref.section for s in sector.subsectors} == {sector.ref.section}
    for measure in plan.measures:
        assert measure.ref.section == f"4.{measure.number}"
        assert {i.ref.section for i in measure.items} == {measure.ref.section}


# -- languages and ids ----------------------------------------------------------------


def test_every_text_in_five_languages(plan: Plan) -> None:
    assert LANGUAGES == ("en", "zh-Hans", "zh-Hant", "ja", "ko")
    assert missing_language_problems(plan) == []


def test_ids_unique(plan: Plan) -> None:
    assert duplicate_ids(plan) == []


def test_traditional_chinese_is_not_simplified(plan: Plan) -> None:
    assert simplified_in_traditional(plan) == []
    pairs = [(lab.zh_Hans, lab.zh_Hant) for _, lab in all_labels(plan)]
    differing = sum(1 for hans, hant in pairs if hans != hant)
    assert differing >= len(pairs) // 2, f"only {differing} of {len(pairs)} zh-Hant texts differ"


def test_mainland_terms_in_traditional_script(plan: Plan) -> None:
    """zh-Hant writes the official mainland terms, as the Hong Kong text does (test_terms.py)."""
    sector = plan.sectors[0]
    assert "信息" in sector.labels.zh_Hant  # not 資訊 (Taiwan)
    software = next(s for s in sector.subsectors if s.id == "sub_os_industrial_software")
    assert "軟件" in software.labels.zh_Hant  # not 軟體
    chips = next(s for s in sector.subsectors if s.id == "sub_integrated_circuits")
    assert "集成電路" in chips.labels.zh_Hant  # not 積體電路


# -- the checks can fail ----------------------------------------------------------------


def test_checks_detect_broken_plan(plan: Plan) -> None:
    task = plan.tasks[0]
    broken_item = task.items[0].model_copy(
        update={
            "id": task.items[1].id,
            "labels": Labels(en="x", **{"zh-Hans": "国产", "zh-Hant": "国產"}),
        }
    )
    broken_task = task.model_copy(update={"items": [broken_item, *task.items[1:]]})
    sector = plan.sectors[0].model_copy(update={"gbt4754": ["C3973", "3973", "A0111"]})
    broken = plan.model_copy(
        update={
            "tasks": [broken_task, *plan.tasks[1:]],
            "sectors": [sector, *plan.sectors[1:]],
        }
    )
    assert duplicate_ids(broken) == [task.items[1].id]
    assert any("missing" in p for p in missing_language_problems(broken))
    assert any("国" in p for p in simplified_in_traditional(broken))
    problems = bad_gbt4754_codes(broken)
    assert any("'3973'" in p for p in problems)
    assert any("A0111" in p for p in problems)


def test_load_plan_reads_the_same_directory(plan: Plan) -> None:
    again = load_plan()
    assert [t.id for t in again.tasks] == [t.id for t in plan.tasks]
