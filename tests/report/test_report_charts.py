"""Chart specs are plain Vega-Lite (reusable by the dashboard) and render to SVG offline."""

from __future__ import annotations

import json

import pytest

from mic2025.report import charts

LABELS = charts.ChartLabels(
    observed="观测值",
    baseline="基期值",
    target="目标",
    target_path="目标路径",
    projection="趋势预测",
    interval="90%",
    year="年份",
    unit="%",
)


@pytest.mark.parametrize(
    ("period", "position"),
    [("2016", 2016.0), ("2016-Q4", 2016.0), ("2016-Q2", 2015.5), ("2016-06", 2015.5), ("2016-Q1", 2015.25)],
)
def test_period_position_puts_a_period_at_its_end(period: str, position: float) -> None:
    assert charts.period_position(period) == pytest.approx(position)


def _spec() -> dict:
    return charts.indicator_chart(
        observed=[
            {"period": "2013", "value": 0.88},
            {"period": "2015", "value": 0.95},
            {"period": "2019", "value": 1.43},
        ],
        markers=[
            {"role": "baseline", "year": 2015, "value": 0.95},
            {"role": "target", "year": 2020, "value": 1.26, "label": "2020年目标"},
            {"role": "target", "year": 2025, "value": 1.68, "label": "2025年目标"},
        ],
        projections=[
            {"from_year": 2019, "from_value": 1.43, "year": 2025, "value": 1.98, "low": 0.6, "high": 3.3}
        ],
        labels=LABELS,
        lang="zh-Hans",
    )


def test_indicator_chart_is_plain_vega_lite_with_every_layer() -> None:
    spec = _spec()
    json.dumps(spec)  # serialisable as is: the dashboard can hand it to vega-embed
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "rule", "line", "line", "point", "text"]
    assert spec["config"]["font"] == "Noto Sans CJK SC"
    values = json.dumps([layer["data"]["values"] for layer in spec["layer"]], ensure_ascii=False)
    for word in ("观测值", "基期值", "目标路径", "趋势预测", "2025年目标"):
        assert word in values


def test_render_svg_is_offline_deterministic_and_prefixes_ids() -> None:
    svg = charts.render_svg(_spec(), id_prefix="c-x")
    charts._svg_from_json.cache_clear()
    assert charts.render_svg(_spec(), id_prefix="c-x") == svg
    assert svg.startswith("<svg") and "观测值" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    for ident in __import__("re").findall(r'\bid="([^"]+)"', svg):
        assert ident.startswith("c-x-")


def test_empty_chart_still_renders() -> None:
    spec = charts.indicator_chart([], [], [], LABELS, "ko")
    assert charts.render_svg(spec).startswith("<svg")


def test_status_counts_chart_labels_bars_with_words() -> None:
    spec = charts.status_counts_chart(
        [
            {"status": "achieved", "label": "✔ 달성", "count": 3},
            {"status": "regressing", "label": "↓ 후퇴", "count": 0},
        ],
        LABELS,
        "ko",
    )
    svg = charts.render_svg(spec)
    assert "달성" in svg and "후퇴" in svg
