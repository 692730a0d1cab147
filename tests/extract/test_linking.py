"""Linking phrases to the built-in plan's indicators, across languages."""

from __future__ import annotations

import pytest

from extract.conftest import targets
from mic2025.extract.linking import grams, link, similarity
from mic2025.plan import default_plan


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("到2020年，宽带普及率达到70%。", "broadband_penetration"),
        ("2020年までに、ブロードバンド普及率を70％にする。", "broadband_penetration"),
        ("2020년까지 브로드밴드 보급율을 70%로 높인다.", "broadband_penetration"),
        ("By 2020, raise broadband penetration to 70%.", "broadband_penetration"),
        ("到 2020 年，重点行业主要污染物排放强度下降 20%。", "green_pollutant_intensity"),
    ],
)
def test_same_indicator_in_four_languages(text: str, indicator: str) -> None:
    found = targets(text)
    link(found, default_plan())
    assert [c.indicator for c in found] == [indicator]


def test_unknown_phrases_stay_unlinked() -> None:
    found = targets("到2025年，全市新能源汽车保有量达到50万辆以上。", doc_year=2021)
    link(found, default_plan())
    assert found and all(c.indicator is None for c in found)


def test_similarity_is_bounded() -> None:
    a, b = grams("宽带普及率", "zh-Hans"), grams("固定宽带家庭普及率", "zh-Hans")
    assert 0 < similarity(a, b) <= 1
    assert similarity(a, frozenset()) == 0
