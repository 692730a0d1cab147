"""The one-page dashboard rows: hand-checked against the built-in plan and a few figures."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mic2025.evaluate.assessment import assess
from mic2025.plan import default_plan
from mic2025.present.dashboard import DashboardRow, dashboard_groups
from mic2025.present.formatter import Formatter


def _obs(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator": ind, "area": "CN", "sector": "_T", "entity": "", "period": period,
                "value": value, "qualifier": "", "unit": unit, "status": "A", "source": "test",
                "vintage": pd.Timestamp("2022-06-29"), "batch": "b1", "note": "",
            }
            for ind, period, value, unit in rows
        ]
    )  # fmt: skip


@pytest.fixture(scope="module")
def plan():
    return default_plan()


def _rows(plan, rows, lang="en", **kw) -> dict[str, DashboardRow]:
    a = assess(plan, _obs(rows), **kw)
    groups = dashboard_groups(a, plan, Formatter(lang))
    return {r.target_id: r for g in groups for r in g.rows}


def test_final_verdict_shows_the_engines_share_of_the_way(plan) -> None:
    # energy use per unit of value added: 2015 = 100, target 2020 = 82; 2020 figure 84:
    # (84 - 100) / (82 - 100) = 16 / 18 = 0.888… → 89 % of the way, not achieved
    rows = _rows(plan, [("energy_intensity", "2020", 84.0, "index_2015_eq_100")], today=dt.date(2026, 1, 1))
    row = rows["energy_intensity_2020"]
    assert row.status.code == "not_achieved"
    assert row.status.symbol == "✘" and row.status.word == "not achieved"
    assert row.progress == pytest.approx(16 / 18)
    assert row.progress_text == "89% of the way (2020)"
    assert row.latest_year == 2020
    assert row.target_year == 2020


def test_forward_target_uses_the_time_elapsed_distance_and_momentum(plan) -> None:
    # R&D intensity: base 0.95 (2015), target 1.68 (2025); latest 1.54 (2021):
    # (1.54 - 0.95) / (1.68 - 0.95) = 0.59 / 0.73 = 0.808 → 81 %
    # momentum over 2019–2021 (1.45, 1.50, 1.54): slope 0.045 a year on a mean level
    # of 1.497 is 3.0 % a year, above the 1 % deadband → improving
    figures = [("rd_intensity", y, v, "pct") for y, v in (("2019", 1.45), ("2020", 1.50), ("2021", 1.54))]
    rows = _rows(plan, figures, today=dt.date(2022, 6, 30), milestone=2025)
    row = rows["rd_intensity_2025"]
    assert row.progress == pytest.approx(0.59 / 0.73)
    assert row.progress_text == "81% of the way (2021)"
    assert (row.trend, row.trend_word) == ("↗", "improving")
    assert row.latest_year == 2021
    assert row.latest_text == "1.54 %"
    assert row.label == "1.68 % by 2025"
    assert "rd_intensity_2020" not in rows  # the milestone keeps only 2025 targets


def test_no_figure_no_progress_no_trend(plan) -> None:
    rows = _rows(plan, [], today=dt.date(2022, 6, 30))
    row = rows["cnc_ratio_2025"]
    assert row.status.code == "insufficient_data"
    assert (row.progress, row.progress_text) == (None, "")
    assert (row.trend, row.trend_word) == ("", "no recent trend")
    assert (row.latest_year, row.latest_text) == (None, "")


def test_every_target_once_grouped_in_the_strategys_order(plan) -> None:
    a = assess(plan, _obs([]), today=dt.date(2022, 6, 30))
    groups = dashboard_groups(a, plan, Formatter("en"))
    assert [g.category for g in groups] == [
        "innovation", "quality_efficiency", "informatisation", "green", "project",
    ]  # fmt: skip
    ids = [r.target_id for g in groups for r in g.rows]
    assert len(ids) == len(set(ids)) == len(a.without_proxies().heads)
    assert groups[0].label == "Innovation capability"
    assert ids[:2] == ["rd_intensity_2020", "rd_intensity_2025"]


def test_rows_speak_the_report_language(plan) -> None:
    rows = _rows(
        plan,
        [("energy_intensity", "2020", 84.0, "index_2015_eq_100")],
        lang="zh-Hans",
        today=dt.date(2026, 1, 1),
    )
    row = rows["energy_intensity_2020"]
    assert row.status.word == "未实现"
    assert "89%" in row.progress_text and "of the way" not in row.progress_text
    assert row.indicator_label == plan.indicator("energy_intensity").labels.get("zh-Hans")
    count = _rows(
        plan, [("innovation_centres_cum", "2020", 16.0, "count")], lang="zh-Hans", today=dt.date(2026, 1, 1)
    )["innovation_centres_2020"]
    assert count.latest_text == "16家"
