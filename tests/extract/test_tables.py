"""Indicator tables in the three shapes text layers give them, from the real texts."""

from __future__ import annotations

import pytest

from mic2025.extract.table_targets import clean_label, table_candidates
from mic2025.extract.tables import find_tables

ROW_VALUES = {"rd": ("1.26", "1.68"), "broadband": ("70", "82"), "waste": ("73", "79")}


@pytest.mark.parametrize("lang", ["zh-Hans", "ja", "ko"])
def test_the_key_indicator_table(strategy_text, lang: str) -> None:
    (table, *_) = find_tables(strategy_text(lang))
    assert table.years == [2013, 2015, 2020, 2025]
    assert len(table.rows) == 12 and table.skipped == 0
    assert [c.text for c in table.rows[0].cells] == ["0.88", "0.95", "1.26", "1.68"]
    assert [c.text for c in table.rows[-1].cells] == ["62", "65", "73", "79"]


def test_wrapped_cells_are_glued(strategy_text) -> None:
    (table,) = find_tables(strategy_text("ja"))
    cells = [c.text for c in table.rows[3].cells]
    assert cells[2:] == ["対 2015 年で２ポイントアップ", "対 2015 年で 4ポイントアップ"]
    assert table.rows[4].cells[2].text == "7.5 前後（“十三五”期間の年平均増加速度）"


def test_cells_become_targets_with_baselines(strategy_text) -> None:
    text = strategy_text("zh-Hans")
    (table,) = find_tables(text)
    found = table_candidates(table, text, doc_year=2015)
    assert len(found) == 24
    rd = found[0]
    assert (rd.value, rd.year, rd.unit, rd.baselines) == (1.26, 2020, "pct", {2013: 0.88, 2015: 0.95})
    assert text[rd.start : rd.end] == rd.quote
    pp = found[6]
    assert (pp.kind, pp.value, pp.base_year) == ("pp_change", 2, 2015)
    growth = found[8]
    assert (growth.kind, growth.value, growth.comparator, growth.period_start) == (
        "average_annual_growth",
        7.5,
        "~",
        2016,
    )
    energy = found[16]
    assert (energy.kind, energy.value, energy.base_year) == ("change_from_base", -18, 2015)


def test_labels_are_cleaned() -> None:
    assert clean_label("宽带普及率 ³ (%)") == "宽带普及率"
    assert clean_label("規模以上の製造業の 1 億元毎の主要売上に対する有効特許件数 1（件）").endswith(
        "有効特許件数"
    )
    assert clean_label("브로드밴드 보급율3 (%)") == "브로드밴드 보급율"


def test_tab_separated_table_from_html() -> None:
    text = "指标\t2015年\t2020年\t2025年\n宽带普及率（%）\t50\t70\t82\n说明。\n"
    (table,) = find_tables(text)
    found = table_candidates(table, text, doc_year=2015)
    assert [(c.year, c.value) for c in found] == [(2020, 70), (2025, 82)]
