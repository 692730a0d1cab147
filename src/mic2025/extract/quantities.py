"""Quantities in a sentence: a number, its range, magnitude, unit and comparator.

A quantity is a number with something that says what it counts: ``30%``, ``2 个百分点``,
``15 家``, ``千社``, ``1만개``, ``26兆円``, ``2割``, ``$450 billion``, or in English a
number followed by the noun it counts (``1,000 green demonstration factories``, also after
"and" when the count before it had the verb) or a number a plural noun is raised to
(``increase the smart factories to about 10,000``).  Other bare numbers (section numbers,
footnote marks, table cells) are not quantities here; the table reader gives table cells
their unit from the column header instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from mic2025.extract.comparators import combine, prefix_comparator, suffix_comparator
from mic2025.extract.numerals import ARABIC, CJK_NUMERAL_CHARS, EN_WORDS, magnitude, parse_number
from mic2025.extract.patterns import alternation, merged
from mic2025.plan.model import Comparator

UnitKind = Literal["percent", "points", "count", "money", "other"]

_MAGS = [
    "万亿",
    "萬億",
    "亿",
    "億",
    "万",
    "萬",
    "兆",
    "조",
    "억",
    "만",
    "천",
    "thousand",
    "million",
    "billion",
    "trillion",
    "crore",
    "lakh",
]
_MAG_ID = {1e3: "k", 1e4: "10k", 1e5: "lakh", 1e6: "mn", 1e7: "crore", 1e8: "100m", 1e9: "bn", 1e12: "trn"}
_EN_RATE_WORDS = ("percent", "per cent", "percentage points", "percentage point", "points")
_EN_NOUN_BLOCK = {
    "percent",
    "per",
    "years",
    "year",
    "months",
    "days",
    "times",
    "and",
    "or",
    "to",
    "by",
    "of",
    "in",
    "the",
    "a",
    "from",
    "with",
    "for",
    "on",
}
_EN_COUNT_VERBS = re.compile(
    r"\b(?:form|forming|build|building|create|creating|establish|establishing|set up|develop|cultivate|"
    r"train|add|adding|open|deploy|apply|launch|have|foster|nurture|attract|achieve|reach|support|"
    r"certify|select|designate)\b[^;.]{0,80}$",
    re.I,
)

_EN_RAISE = re.compile(
    r"\b(?:increase|increasing|raise|raising|expand|expanding|grow|growing|boost|boosting|bring|bringing)"
    r"\s+(?:the\s+|its\s+|their\s+)?(?:number\s+of\s+)?(?P<noun>(?:[A-Za-z][\w-]*\s+){0,4}[a-z][\w-]*s)"
    r"\s+to\s+"
)
"""``increase the smart factories to about 10,000``: the plural noun before "to" is what is counted."""
_EN_BARE_NUMBER = re.compile(rf"(?P<num>{ARABIC})(?=\s*(?:$|[,.;)]|(?:by|in|and|or|until|before)\b))")
"""A number with nothing after it that could be its unit: the end, a comma, "by 2020"."""


@dataclass(frozen=True)
class Quantity:
    """A number found in a text, with its unit; offsets index the text searched."""

    start: int
    end: int
    value: float
    unit_kind: UnitKind
    unit: str
    comparator: Comparator = "="
    upper: float | None = None
    number_start: int = 0
    unit_word: str = ""


def _loose(words: tuple[str, ...]) -> str:
    """Alternation of CJK words that PDF text may split with spaces (``4 个 百分点``)."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        if word.isascii():
            parts.append(re.escape(word))
        else:
            parts.append(r"\s?".join(re.escape(ch) for ch in word if not ch.isspace()))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    m = merged()
    num = rf"(?:{ARABIC}|[{CJK_NUMERAL_CHARS}]+|\b(?:{'|'.join(EN_WORDS)})\b)"
    currency_words = sorted(m.currencies, key=len, reverse=True)
    after_units = "|".join(
        [
            _loose(m.words["points"]),
            alternation(m.words["percent"]),
            alternation(m.words["tenths"]),
            _loose(m.words["counters"]),
            alternation(currency_words),
            r"吨|噸|トン|톤|tonnes|tons",
        ]
    )
    pre_currency = r"(?:US\$|\$|USD|RMB|Rs\.?|INR|¥|₩|￥)"
    return re.compile(
        rf"(?<![A-Za-z0-9.])(?<!\d,)(?P<pre>{pre_currency}\s?)?(?P<num>{num})"
        rf"(?:\s*[-–—~～〜]\s*(?P<num2>{ARABIC}|[{CJK_NUMERAL_CHARS}]+))?"
        rf"(?:\s*(?P<mag>{alternation(_MAGS)}))?"
        rf"(?:\s*(?P<unit>{after_units}))?",
        re.I,
    )


def _unit_of(unit_word: str, pre: str | None, mag: float) -> tuple[UnitKind, str, float]:
    """Unit kind, unit id and the factor the number is multiplied by."""
    m = merged()
    word = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", unit_word.strip())
    if word and (word in m.words["points"] or word.lower() in m.words["points"]):
        return "points", "pct_points", 1.0
    if word and (word in m.words["percent"] or word.lower() in m.words["percent"]):
        return "percent", "pct", 1.0
    if word in m.words["tenths"]:
        return "percent", "pct", 10.0
    currency = m.currencies.get(word) or m.currencies.get(word.lower()) if word else None
    if pre and not currency:
        currency = m.currencies.get(pre.strip().rstrip(".")) or "usd"
    if currency:
        scale = _MAG_ID.get(mag, "")
        return "money", f"{scale}_{currency}" if scale else currency, 1.0
    if word in {"吨", "噸", "トン", "톤", "tonnes", "tons"}:
        scale = _MAG_ID.get(mag, "")
        return "other", f"{scale}_tonnes" if scale else "tonnes", 1.0
    return "count", "count", mag


def _from_match(text: str, match: re.Match[str]) -> Quantity | None:
    num, unit_word = match.group("num"), match.group("unit") or ""
    if not unit_word and not match.group("pre"):
        return None
    if num[0] in CJK_NUMERAL_CHARS and (text[match.start() - 1 : match.start()] == "第" or num == "一"):
        return None  # ordinals (第一) and the ubiquitous 一 of 一批, 一家
    bare = (
        unit_word.isalpha() and unit_word.isascii() and match.group("mag") is None and not match.group("pre")
    )
    if bare and unit_word.lower() not in _EN_RATE_WORDS:
        return None  # "2 yuan"-like English units need a magnitude or a currency sign
    try:
        value = parse_number(num)
        upper = parse_number(match.group("num2")) if match.group("num2") else None
        mag = magnitude(match.group("mag"))
    except ValueError:
        return None
    kind, unit, factor = _unit_of(unit_word, match.group("pre"), mag)
    if num[0] in CJK_NUMERAL_CHARS and value * mag < 10 and kind != "percent":
        return None  # 两种资源, 三个十年: small CJK numerals count things, not targets
    value, upper = value * factor, (upper * factor if upper is not None else None)
    before, start = prefix_comparator(text, match.start())
    after, end = suffix_comparator(text, match.end())
    return Quantity(
        start, end, value, kind, unit, combine(before, after), upper, match.start("num"), unit_word
    )


def _english_counts(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """``form about 15 innovation centres``: a number, then the noun it counts."""
    found = []
    words = "|".join(EN_WORDS)
    pattern = (
        rf"(?<![\w.$])(?<!\d,)(?P<num>{ARABIC}|\b(?:{words}))(?:[\s-]+(?P<mag>thousand|million|billion))?"
        r"\s+(?P<noun>[A-Za-z][a-z-]+)"
    )
    for match in re.finditer(pattern, text):
        if any(match.start() < b and a < match.end("num") for a, b in taken):
            continue
        if match.group("noun").lower() in _EN_NOUN_BLOCK:
            continue
        shared = found and re.search(r"\band\s+$", text[found[-1].end : match.start()])
        if not _EN_COUNT_VERBS.search(text[: match.start()]) and not shared:
            continue  # no verb of making things, nor "and" after a count that had one
        if match.group("num").isalpha() and not match.group("mag"):
            continue  # "two factories" is too common a phrase to read as a target
        value = parse_number(match.group("num")) * magnitude(match.group("mag"))
        if 1900 <= value <= 2100 and re.fullmatch(r"\d{4}", match.group("num")):
            continue  # a year (not "two-thousand")
        before, start = prefix_comparator(text, match.start())
        end = match.end("mag") if match.group("mag") else match.end("num")
        found.append(
            Quantity(start, end, value, "count", "count", combine(before, None), None, match.start())
        )
    return found


def _english_raised_counts(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """``increase the smart factories to about 10,000``: a bare number a count is raised to."""
    found = []
    for raise_ in _EN_RAISE.finditer(text):
        head = text[raise_.end() : raise_.end() + 16]
        words = re.match(r"(?:about|around|approximately|some|more than|over|at least|nearly)\s+", head)
        at = raise_.end() + (words.end() if words else 0)
        match = _EN_BARE_NUMBER.match(text, at)
        if match is None or any(at < b and a < match.end() for a, b in taken):
            continue
        value = parse_number(match.group("num"))
        if 1900 <= value <= 2100 and re.fullmatch(r"\d{4}", match.group("num")):
            continue  # "to 2025": a year
        before, start = prefix_comparator(text, at)
        found.append(Quantity(start, match.end(), value, "count", "count", combine(before, None), None, at))
    return found


def find_quantities(text: str, *, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in ``text`` (folded), skipping spans in ``skip`` (years, dates)."""
    found: list[Quantity] = []
    for match in _pattern().finditer(text):
        if any(match.start("num") < b and a < match.end("num") for a, b in skip):
            continue
        quantity = _from_match(text, match)
        if quantity is not None:
            found.append(quantity)
    taken = [(q.number_start, q.end) for q in found] + list(skip)
    found.extend(_english_counts(text, taken))
    found.extend(_english_raised_counts(text, taken + [(q.number_start, q.end) for q in found]))
    return sorted(found, key=lambda q: q.start)


def shift(quantity: Quantity, offset: int) -> Quantity:
    """The same quantity with offsets moved by ``offset`` (sentence → view offsets)."""
    return replace(
        quantity,
        start=quantity.start + offset,
        end=quantity.end + offset,
        number_start=quantity.number_start + offset,
    )
