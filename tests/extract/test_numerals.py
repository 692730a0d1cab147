"""Numbers in every form the five languages write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mic2025.extract.numerals import fold, magnitude, parse_cjk, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", 30),
        ("1,000", 1000),
        ("0.70", 0.7),
        ("１０００", 1000),
        ("８４．５", 84.5),
        ("千", 1000),
        ("百", 100),
        ("十", 10),
        ("十五", 15),
        ("一百二十", 120),
        ("两", 2),
        ("三万五千", 35000),
        ("一万亿", 1e12),
        ("三亿五千万", 3.5e8),
        ("二〇二五", 2025),
        ("four", 4),
        ("two", 2),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("word", "factor"),
    [
        ("万", 1e4),
        ("萬", 1e4),
        ("亿", 1e8),
        ("億", 1e8),
        ("万亿", 1e12),
        ("兆", 1e12),
        ("만", 1e4),
        ("억", 1e8),
        ("조", 1e12),
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        (None, 1.0),
    ],
)
def test_magnitude(word: str | None, factor: float) -> None:
    assert magnitude(word) == factor


def test_fold_keeps_offsets() -> None:
    text = "対 2015 年で２ポイント（％）"
    assert len(fold(text)) == len(text)
    assert fold(text) == "対 2015 年で2ポイント(%)"


def test_not_a_numeral_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a CJK numeral"):
        parse_cjk("一批")


_DIGITS = "〇一二三四五六七八九"


def _to_cjk(n: int) -> str:
    """A plain reference formatter (no 零 elision rules needed for the parser)."""
    if n == 0:
        return "〇"
    parts = []
    for unit, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk, n = divmod(n, unit)
        if chunk:
            small = ""
            for value, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
                digit, chunk = divmod(chunk, value)
                small += (_DIGITS[digit] + word) if digit else ""
            parts.append(small + name)
    return "".join(parts)


@settings(derandomize=True, max_examples=200)
@given(st.integers(min_value=1, max_value=99_999_999_999))
def test_cjk_numerals_round_trip(n: int) -> None:
    assert parse_cjk(_to_cjk(n)) == n
