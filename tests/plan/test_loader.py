"""Plan files: the built-in plan loads; a malformed file gets errors naming field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mic2025.plan import PlanFileError, default_plan, load_plan

MINIMAL = """\
id = "gd_plan"
issued = 2016-01-01
document = { en = "Guangdong implementation plan" }

[title]
en = "Guangdong implementation"

[issuer]
en = "Guangdong provincial government"

[[steps]]
id = "step_2025"
number = 1
year = 2025
labels = { en = "Step one" }
ref = { section = "1" }

[[units]]
id = "pct"
labels = { en = "percent" }

[[indicators]]
id = "broadband_penetration"
labels = { en = "Broadband" }
ref = { section = "2" }
category = "informatisation"
unit = "pct"
direction = "higher"

[[indicators.targets]]
id = "bb_2020"
metric = "broadband_penetration"
kind = "level"
value = 85
unit = "pct"
year = 2020
ref = { section = "2" }
"""


def test_a_province_plan_in_one_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "gd.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    plan = load_plan(path)
    assert plan.id == "gd_plan"
    assert [t.value for t in plan.targets()] == [85]
    # labels fall back to English per string
    assert plan.indicator("broadband_penetration").labels.get("ja") == "Broadband"


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "field", "needle"),
    [
        ('direction = "higher"', 'direction = "up"', "indicators.0.direction", 'direction = "up"'),
        ('kind = "level"', 'kind = "levels"', "indicators.0.targets.0.kind", 'kind = "levels"'),
        ("value = 85", 'value = "lots"', "indicators.0.targets.0.value", 'value = "lots"'),
        ("year = 2025", "yeer = 2025", "steps.0.yeer", "yeer = 2025"),
    ],
)
def test_malformed_field_is_named_with_its_line(
    tmp_path: Path, old: str, new: str, field: str, needle: str
) -> None:
    text = MINIMAL.replace(old, new)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    message = str(caught.value)
    assert f"field '{field}'" in message
    assert f"{path}:{_line_of(text, needle)}:" in message


def test_unknown_unit_and_metric_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        MINIMAL.replace('metric = "broadband_penetration"', 'metric = "nothing"'), encoding="utf-8"
    )
    with pytest.raises(PlanFileError, match="metric 'nothing' is unknown"):
        load_plan(path)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MINIMAL.replace('id = "bb_2020"', 'id = "bb_2020'), encoding="utf-8")
    with pytest.raises(PlanFileError, match=r"TOML syntax error.*line \d+"):
        load_plan(path)


def test_scalar_set_twice_across_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.toml").write_text('id = "other"\n', encoding="utf-8")
    with pytest.raises(PlanFileError, match=r"'id' is already set in a\.toml"):
        load_plan(tmp_path)


def test_builtin_plan_is_a_directory_of_parts_and_is_cached() -> None:
    plan = default_plan()
    assert plan is default_plan()
    assert plan.id == "mic2025"
    assert len(plan.key_indicators()) == 12
