"""Years in every form plans state them, with their role."""

from __future__ import annotations

import pytest

from mic2025.extract.years import document_date, document_year, find_years, fyp_period


@pytest.mark.parametrize(
    ("text", "year", "role"),
    [
        ("到2025年，", 2025, "deadline"),
        ("到 2020 年，重点形成", 2020, "deadline"),
        ("2025年實現", 2025, "plain"),
        ("2025년까지 40개", 2025, "deadline"),
        ("2020年までに、", 2020, "deadline"),
        ("2020年に9兆円", 2020, "deadline"),
        ("by 2022", 2022, "deadline"),
        ("By 2020, build", 2020, "deadline"),
        ("FY2014", 2014, "plain"),
        ("令和7年度までに", 2025, "deadline"),
        ("平成32年", 2020, "deadline"),
        ("令和元年", 2019, "deadline"),
        ("比 2015 年下降 18%", 2015, "base"),
        ("対 2015 年で 18%", 2015, "base"),
        ("2015년대비 23% 하락", 2015, "base"),
        ("Down 18% from 2015", 2015, "base"),
        ("2015年5月8日", 2015, "date"),
        ("截至 2014 年 12 月", 2014, "date"),
        ("(~’19) 12,660", 2019, "plain"),
        ("16兆円(2011)", 2011, "plain"),
    ],
)
def test_year_forms(text: str, year: int, role: str) -> None:
    found = find_years(text)
    assert [(m.year, m.role) for m in found] == [(year, role)]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("“十三 五”期间年均增速", 2016, 2020),
        ("“十四五”期間の年平均", 2021, 2025),
        ("7.5좌우('13.5'기간연 평균", 2016, 2020),
        ("13th Five-Year Plan period", 2016, 2020),
        ("[2016-2020])", 2016, 2020),
        ("2021—2025年", 2021, 2025),
    ],
)
def test_plan_periods(text: str, start: int, end: int) -> None:
    (mention,) = find_years(text)
    assert (mention.role, mention.period_start, mention.year) == ("period", start, end)


def test_a_plan_named_by_its_period_is_not_a_time_frame() -> None:
    (mention,) = find_years("「十二五規劃」中提及的七大產業")
    assert mention.role == "name"


def test_fyp_period() -> None:
    assert fyp_period(13) == (2016, 2020)
    assert fyp_period(3) == (1966, 1970)


def test_no_year_in_a_document_title() -> None:
    assert find_years("《中国制造 2025》的通知") == []
    assert find_years("Made in China 2025 is a program") == []


def test_document_year_and_date(strategy_text) -> None:
    zh = strategy_text("zh-Hans")
    assert document_year(zh) == 2015
    assert str(document_date(zh)) == "2015-05-08"
    assert document_year(strategy_text("ja")) == 2015  # no date: the latest base year (対2015年)
    assert document_year(strategy_text("zh-Hant")) == 2014  # a commentary: its data cut-off
