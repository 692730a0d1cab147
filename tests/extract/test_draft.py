"""Extract → TOML → load_plan → plan check: a draft always loads; drafts say what to review."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from extract.conftest import STRATEGY
from mic2025.cli.main import app
from mic2025.evaluate.methods import METHODS
from mic2025.extract import extract_plan
from mic2025.plan import default_plan, load_plan

runner = CliRunner()


def test_round_trip_of_the_chinese_original(tmp_path: Path) -> None:
    draft = extract_plan(STRATEGY / "zh-Hans.txt", reference=default_plan())
    path = tmp_path / "draft.toml"
    path.write_text(draft.toml(), encoding="utf-8")
    plan = load_plan(path)
    assert len(plan.targets()) == 38
    assert str(plan.issued) == "2015-05-08"
    rd = plan.indicator("rd_intensity")
    assert rd.baselines == {2013: 0.88, 2015: 0.95}
    assert rd.labels.ja == default_plan().indicator("rd_intensity").labels.ja
    (target_2020,) = [t for t in rd.targets if t.year == 2020]
    assert target_2020.value == 1.26 and not target_2020.draft
    assert target_2020.quote is not None and target_2020.quote.document.endswith("zh-Hans.txt")
    result = runner.invoke(app, ["plan", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "38 targets" in result.output


def test_assumptions_make_drafts_and_say_why(tmp_path: Path) -> None:
    draft = extract_plan(STRATEGY / "zh-Hans.txt", reference=default_plan())
    plan = draft.plan()
    smart = [t for t, _ in plan.iter_targets() if t.metric == "smart_pilot_cost_reduction"]
    assert smart and all(t.draft for t in smart)
    assert "base year not stated" in smart[0].labels.en


def test_without_reference_every_indicator_is_a_draft(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "到2025年，规模以上企业数字化普及率达到80%，建成120个以上工业互联网平台。", encoding="utf-8"
    )
    draft = extract_plan(source, reference=None, doc_year=2021)
    plan = draft.plan()
    assert [t.value for t in plan.targets()] == [80, 120]
    assert all(ind.draft and ind.id.startswith("x_") for ind in plan.indicators)
    assert plan.indicators[0].labels.zh_Hans == "规模以上企业数字化普及率"
    assert plan.indicators[1].unit == "count"
    path = tmp_path / "draft.toml"
    path.write_text(draft.toml(), encoding="utf-8")
    assert load_plan(path).targets()[1].comparator == ">="


def test_an_extracted_plan_evaluates(tmp_path: Path) -> None:
    import pandas as pd

    from mic2025.evaluate import evaluate

    draft = extract_plan(STRATEGY / "zh-Hans.txt", reference=default_plan())
    path = tmp_path / "draft.toml"
    path.write_text(draft.toml(), encoding="utf-8")
    plan = load_plan(path)
    observations = pd.DataFrame(  # illustrative figures, not published statistics
        {
            "indicator": ["broadband_penetration"] * 2,
            "area": ["CN"] * 2,
            "period": ["2015", "2020"],
            "value": [50.0, 60.0],
            "unit": ["pct"] * 2,
        }
    )
    result = evaluate(plan, observations)
    rows = result[(result.target == "broadband_penetration_2020") & (result.area == "CN")]
    assert set(rows.method) == set(METHODS)
    assert (rows.target_value == 70).all() and (rows.latest_value == 60).all()
    assert "achieved" not in set(rows.status)
