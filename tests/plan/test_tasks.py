"""Indicators and projects map to the strategic tasks they serve (for roll-ups by task)."""

from __future__ import annotations

from mic2025.plan import default_plan


def test_every_key_indicator_and_project_serves_a_task() -> None:
    plan = default_plan()
    tasks = {t.id for t in plan.tasks}
    assert all(plan.task_of(i.id) in tasks for i in plan.key_indicators())
    assert all(p.task in tasks for p in plan.projects)
    # project metrics inherit their project's task; proxies their parent's
    assert plan.task_of("green_factories_cum") == "task_green_manufacturing"
    assert plan.task_of("rd_intensity_cae") == "task_innovation_capability"
    assert plan.task_of("cnc_ratio") == "task_it_industry_integration"
