"""Plan diff: hand-made plans, the CLI, and the five versions of the strategy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.conftest import STRATEGY
from mic2025.cli.main import app
from mic2025.extract import diff_plans
from mic2025.plan import Plan

runner = CliRunner()


def _plan(*targets: dict) -> Plan:
    ref = {"section": "1"}
    return Plan.model_validate(
        {
            "id": "p",
            "title": {"en": "P"},
            "issuer": {"en": "I"},
            "issued": "2015-01-01",
            "document": {"en": "d"},
            "steps": [],
            "units": [{"id": "pct", "labels": {"en": "%"}}],
            "indicators": [
                {
                    "id": name,
                    "labels": {"en": name},
                    "ref": ref,
                    "category": "context",
                    "unit": "pct",
                    "direction": "higher",
                    "targets": [t for t in targets if t["metric"] == name],
                }
                for name in ("a", "b", "c")
            ],
        }
    )


def _t(metric: str, year: int, value: float, comparator: str = "=") -> dict:
    return {
        "id": f"{metric}_{year}",
        "metric": metric,
        "kind": "level",
        "value": value,
        "unit": "pct",
        "year": year,
        "comparator": comparator,
        "ref": {"section": "1"},
    }


def test_added_removed_changed_and_moved() -> None:
    old = _plan(_t("a", 2020, 70), _t("b", 2020, 40), _t("c", 2020, 10))
    new = _plan(_t("a", 2020, 75, ">="), _t("b", 2025, 40), _t("c", 2025, 20))
    changes = [(c.change, c.indicator, c.year, c.field, c.a, c.b) for c in diff_plans(old, new)]
    assert changes == [
        ("changed", "a", 2020, "comparator", "=", ">="),
        ("changed", "a", 2020, "value", "70", "75"),
        ("changed", "b", 2020, "year", "2020", "2025"),
        ("removed", "c", 2020, "target", "10 pct (level)", ""),
        ("added", "c", 2025, "target", "", "20 pct (level)"),
    ]


def test_identical_plans_have_no_differences() -> None:
    plan = _plan(_t("a", 2020, 70))
    assert diff_plans(plan, plan) == []


def test_diff_of_a_plan_with_itself_from_the_command_line() -> None:
    result = runner.invoke(app, ["plan", "diff", "builtin", "builtin", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


@pytest.fixture(scope="module")
def version_diffs() -> dict[str, list[dict]]:
    out = {}
    for lang in ("ja", "ko", "en", "zh-Hant"):
        result = runner.invoke(
            app, ["plan", "diff", str(STRATEGY / "zh-Hans.txt"), str(STRATEGY / f"{lang}.txt"), "-f", "json"]
        )
        assert result.exit_code == 0, result.output
        out[lang] = json.loads(result.output)
    return out


def test_the_japanese_translation_states_what_the_original_states(version_diffs) -> None:
    assert version_diffs["ja"] == []


def test_the_korean_translation_drops_about_from_a_2025_target(version_diffs) -> None:
    changed = [(d["indicator"], d["year"], d["field"], d["a"], d["b"]) for d in version_diffs["ko"]]
    assert ("innovation_centres_cum", 2025, "comparator", "~", "=") in changed


def test_the_commentary_gives_only_2025_numbers(version_diffs) -> None:
    removed = {(d["indicator"], d["year"]) for d in version_diffs["zh-Hant"] if d["change"] == "removed"}
    assert ("rd_intensity", 2025) in removed and ("innovation_centres_cum", 2020) in removed
    assert ("innovation_centres_cum", 2025) not in removed


def test_diff_csv_keeps_quotes(tmp_path: Path) -> None:
    out = tmp_path / "diff.csv"
    result = runner.invoke(
        app,
        [
            "plan",
            "diff",
            str(STRATEGY / "zh-Hans.txt"),
            str(STRATEGY / "ko.txt"),
            "-f",
            "csv",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("change,indicator,year,field,a,b,quote_a,quote_b")
    assert "2025년까지 40개" in text
