"""At least, more than, about, at most, less than, in every language."""

from __future__ import annotations

import pytest

from mic2025.extract.quantities import find_quantities


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("15 家左右", "~"),
        ("50%以上", ">="),
        ("超过70%", ">"),
        ("超過八成", ">"),
        ("达到33%", "="),
        ("不低于30%", ">="),
        ("不超过5%", "<="),
        ("约15家", "~"),
        ("約 15 か所", "~"),
        ("3社以内", "<="),
        ("10兆円程度", "~"),
        ("7.5%前後", "~"),
        ("120社以上", ">="),
        ("약 15개 좌우", "~"),
        ("30% 이상", ">="),
        ("10% 초과", ">"),
        ("100개 내외", "~"),
        ("5% 미만", "<"),
        ("at least 30%", ">="),
        ("more than 70%", ">"),
        ("about 15 percent", "~"),
        ("up to 5%", "<="),
        ("less than 5%", "<"),
        ("30% or more", ">="),
    ],
)
def test_comparator(text: str, code: str) -> None:
    quantities = find_quantities(text)
    assert quantities, text
    assert quantities[0].comparator == code
