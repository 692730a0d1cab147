"""The annexes: every method from its own module, and the data-gap register in every language."""

from __future__ import annotations

from mic2025.data_gaps import data_gaps
from mic2025.evaluate.methods import METHODS


def test_the_methodology_annex_lists_every_method_with_its_own_thresholds(models) -> None:
    annex = models["en"].methods_annex
    assert [m.label for m in annex] == [m.LABEL for m in METHODS.values()]
    growth = annex[0]
    assert [(st.code, rule) for st, rule in growth.rules] == [
        ("achieved", "latest value at or past the target"),
        ("on_track", "≥ 0.95"),
        ("needs_acceleration", "0.6 ≤ x < 0.95"),
        ("stagnating", "0 ≤ x < 0.6"),
        ("regressing", "x < 0"),
    ]
    elapsed = annex[[m.NAME for m in METHODS.values()].index("time_elapsed")]
    assert ("on_track", "≥ 1") in [(st.code, rule) for st, rule in elapsed.rules]


def test_the_annex_is_translated(models, htmls) -> None:
    ja = models["ja"].methods_annex[0]
    assert ja.label != METHODS["growth_ratio"].LABEL and ja.rules[0][0].word == "達成"
    assert "手法1：" in htmls["ja"] and "Method 1" not in htmls["ja"]


def test_every_registered_gap_is_in_the_report_with_its_reason(models, htmls) -> None:
    assert len(models["en"].data_gaps) == len(data_gaps()) == 14
    energy = next(
        g
        for g in models["zh-Hans"].data_gaps
        if g.periods == "2021-2025" and g.indicator.startswith("规模以上单位工业增加值能耗")
    )
    assert energy.reason == "仅公布变化幅度，未公布目标所依据的水平值"
    assert energy.finding == ""  # the English notes stay out of the Chinese report
    assert "No figure for 2023, 2024 or 2025 was found" in htmls["en"]
    assert "附录C 未公布的数据" in htmls["zh-Hans"]
