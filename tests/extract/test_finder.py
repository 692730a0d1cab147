"""Targets in running text: real sentences of the five strategy texts and of other plans."""

from __future__ import annotations

import pytest

from extract.conftest import targets, values


def test_zh_several_targets_in_one_sentence() -> None:
    text = (
        "到 2020 年，重点形成 15 家左右制造业创新中心（工业技术研究基地），"
        "力争到 2025 年形成 40 家左右制造业创新中心。"
    )
    assert values(text) == [(15, 2020, "~"), (40, 2025, "~")]


def test_zh_respectively_shares_the_comparator() -> None:
    text = "2025年的具体目标包括：智能制造装备和工业软件技术水平显著提升，国内市场满足率分别超过70%和50%。"
    found = targets(text, doc_year=2021)
    assert [(c.value, c.year, c.comparator) for c in found] == [(70, 2025, ">"), (50, 2025, ">")]
    assert "respectively" in found[1].notes[-1]


def test_zh_year_stated_once_for_a_list() -> None:
    text = "2025年的主要目标是：\n建成120个以上工业互联网平台。\n制修订200项以上国家标准。"
    found = targets(text, doc_year=2021)
    assert [(c.value, c.year, c.comparator, c.kind) for c in found] == [
        (120, 2025, ">=", "count"),
        (200, 2025, ">=", "count"),
    ]
    assert all("heading" in c.notes[-1] for c in found)


def test_zh_change_from_base_and_kinds() -> None:
    text = "到 2020 年，试点示范项目运营成本降低 30%，40%的核心基础零部件实现自主保障，建成千家绿色示范工厂。"
    found = targets(text)
    assert [(c.kind, c.value) for c in found] == [("change_from_base", -30), ("share", 40), ("count", 1000)]
    assert found[0].base_year == 2015 and "assumed" in found[0].notes[0]
    assert found[0].phrase == "试点示范项目运营成本"
    assert found[2].phrase == "绿色示范工厂"


def test_zh_baseline_pair_with_year() -> None:
    text = "到2017年末，规模以上工业企业研发投入占主营业务收入比重从2014年的1.17%提升到1.3%。"
    (c,) = targets(text)
    assert (c.value, c.year, c.kind, c.baseline_value, c.baseline_year) == (1.3, 2017, "level", 1.17, 2014)


def test_zh_average_growth_over_a_plan_period() -> None:
    (c,) = targets("“十三五”期间年均增长7.5%左右。")
    assert (c.kind, c.value, c.year, c.period_start, c.comparator) == (
        "average_annual_growth",
        7.5,
        2020,
        2016,
        "~",
    )


def test_zh_value_added_is_not_an_increase() -> None:
    (c,) = targets("到2025年，制造业增加值占GDP比重保持在30%以上。", doc_year=2021)
    assert (c.kind, c.value, c.comparator) == ("level", 30, ">=")


def test_zh_hant_traditional_forms() -> None:
    text = "2025年實現工業機器人年產量超過10萬臺，組織實施500個以上智能制造示范項目。"
    found = targets(text, doc_year=2020)
    assert [(c.value, c.comparator, c.lang) for c in found] == [
        (100000, ">", "zh-Hant"),
        (500, ">=", "zh-Hant"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "国务院\n2015年5月8日\n（本文有删减）",  # the document's date
        "2013 年達 46.1%，首次超過第二產業，2014 年進一步上升至 48.2%。",  # history
        "中國的高端機床和高速膠印機市場有 75%的產品依賴進口。",  # no year: a fact
        "由质量水平和发展能力两个方面共计 12 项具体指标计算得出。",  # a definition
        "三、战略任务和重点\n（一）提高国家制造业创新能力。",  # section numbers
        "统筹利用两种资源、两个市场。",  # small numerals
    ],
)
def test_non_targets(text: str) -> None:
    assert targets(text) == []


def test_ja_targets_share_a_verb_at_the_end() -> None:
    text = (
        "2020 年までに、モデル事業の運営コストを\n\n30％、製品の生産サイクルを "
        "30％、不良率を 30％それぞれ引き下げる。"
    )
    found = targets(text)
    assert [(c.kind, c.value, c.year) for c in found] == [("change_from_base", -30, 2020)] * 3
    assert [c.phrase for c in found] == ["モデル事業の運営コスト", "製品の生産サイクル", "不良率"]


def test_ja_baseline_forms() -> None:
    text = (
        "・健康関連産業の市場規模を2020年に9兆円(現状2兆円)に拡大\n・2020年に女性の就業率を73%(2012年68%)に\n"
    )
    found = targets(text, doc_year=2013)
    assert [(c.value, c.unit, c.baseline_value, c.baseline_year) for c in found] == [
        (9, "trn_jpy", 2, None),
        (73, "pct", 68, 2012),
    ]


def test_ja_arrow_pair_with_years() -> None:
    (c,) = targets("市場規模 16兆円(2011)⇒26兆円(2020)", doc_year=2013)
    assert (c.value, c.year, c.baseline_value, c.baseline_year) == (26, 2020, 16, 2011)


def test_ja_counts_from_to_and_wari() -> None:
    text = "2020年までに黒字中小企業を70万社から140万社に増やす。2025年までに不良率を2割削減する。"
    found = targets(text, doc_year=2013)
    assert [(c.value, c.kind) for c in found] == [(1_400_000, "count"), (-20, "change_from_base")]
    assert found[0].baseline_value == 700_000


def test_ja_era_year() -> None:
    (c,) = targets("令和7年度までに、導入率を80%以上とする。", doc_year=2020)
    assert (c.year, c.value, c.comparator) == (2025, 80, ">=")


def test_ko_forms() -> None:
    text = (
        "2020년까지 약 15개 좌우의 제조업 혁신센터를 만들고 2025년까지 "
        "40개 제조업혁신센터를 만드는 것을 목표로 한다."
    )
    assert values(text) == [(15, 2020, "~"), (40, 2025, "=")]


def test_ko_change_and_magnitudes() -> None:
    text = (
        "2020년까지 시범 시행 프로젝트 운영 비용을 30% 줄이고 "
        "1만개 공장의 스마트화를 추진하며 1조원을 투자한다."
    )
    found = targets(text, doc_year=2014)
    assert [(c.kind, c.value, c.unit) for c in found] == [
        ("change_from_base", -30, "pct"),
        ("count", 10000, "count"),
        ("level", 1, "trn_krw"),
    ]
    assert found[0].phrase == "시범 시행 프로젝트 운영 비용"


def test_en_forms() -> None:
    text = (
        "An increase in the share of manufacturing in GDP from 16% to 25% by 2022.\n"
        "To create 100 million additional jobs by 2022 in manufacturing sector.\n"
        "By 2020, focus on forming about 15 innovation centers and strive to form about 40 centers by 2025."
    )
    found = targets(text, doc_year=2014)
    assert [(c.value, c.year, c.comparator) for c in found] == [
        (25, 2022, "="),
        (100_000_000, 2022, "="),
        (15, 2020, "~"),
        (40, 2025, "~"),
    ]
    assert found[0].baseline_value == 16


def test_en_unit_less_counts() -> None:
    # a bare number a plural noun is raised to; a count joined by "and" to one with a verb
    assert values("Spend money to increase the smart factories to about 10,000 by 2020.", doc_year=2014) == [
        (10_000, 2020, "~")
    ]
    text = "Plan: have 30-thousand smart factories built by 2022 and two-thousand robotic factories by 2030."
    assert values(text, doc_year=2019) == [(30_000, 2022, "="), (2_000, 2030, "=")]
    assert values("Raise the rate to 5 by 2020.", doc_year=2014) == []  # not a plural: not a count
    assert values("Increase the number of robots to 2025 levels.", doc_year=2014) == []  # a year


def test_en_range_keeps_the_lower_bound() -> None:
    (c,) = targets("Raise manufacturing growth to 12-14% per annum by 2022.", doc_year=2014)
    assert (c.value, c.upper, c.comparator, c.kind) == (12, 14, ">=", "average_annual_growth")
    assert "range 12-14" in c.notes[0]


def test_quote_points_at_the_document() -> None:
    text = "前言。\n到 2020 年，重点行业主要污染物排放强度下降\n20%。"
    (c,) = targets(text)
    assert text[c.start : c.end] == c.quote
    assert c.quote.endswith("20%")
