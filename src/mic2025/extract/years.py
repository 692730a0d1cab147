"""Years as plans state them, and what each one is for.

``2025年``, ``2025년``, ``FY2014``, ``令和7年度``, ``'22``, ``by 2022``, ``到2025年``,
``2025년까지``, ``2020年までに`` are deadlines; ``比2015年``, ``対2015年``, ``2015년 대비``,
``from 2015`` are bases; ``十三五``, ``13th Five-Year Plan``, ``[2016-2020]`` are plan
periods; ``2015年5月8日`` is a date (of the document, not a target).  The finder decides
which quantity a year belongs to; this module only says where years are and their role.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

YearRole = Literal["deadline", "plain", "base", "date", "period", "asof", "name"]

ERAS: dict[str, int] = {"令和": 2018, "平成": 1988, "昭和": 1925}
"""Japanese era name → the Gregorian year before its first year (令和元年 = 2019)."""

_Y = r"((?:19|20)\d{2})"
_YEAR_WORD = r"\s*(?:年度?|년도?)"
_PERIOD_WORD = re.compile(
    r"\s*(?:[”\"」』’']\s*)?(?:期间|期間|时期|時期|기간|期|末|period|\[|[(（]|年均|年平均|연평균)", re.I
)
_CN_ORDINAL = {"十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}


@dataclass(frozen=True)
class YearMention:
    """A year found in text: its span, the year, its role and, for periods, the first year."""

    start: int
    end: int
    year: int
    role: YearRole
    period_start: int | None = None


def fyp_period(number: int) -> tuple[int, int]:
    """Years of China's ``number``-th five-year plan (the 13th is 2016–2020).

    From the third plan (1966–1970) on, plans follow each other every five years.
    """
    start = 1966 + 5 * (number - 3)
    return start, start + 4


# (pattern, role) in priority order: an earlier pattern claims its span first.
_PATTERNS: list[tuple[re.Pattern[str], YearRole]] = [
    (re.compile(_Y + r"\s*年\s*\d{1,2}\s*月|" + _Y + r"\s*년\s*\d{1,2}\s*월"), "date"),
    (
        re.compile(
            r"(?:January|February|March|April|May|June|July|August|September|October|November"
            r"|December)\s+\d{1,2},?\s+" + _Y
        ),
        "date",
    ),
    (re.compile(r"截至\s*" + _Y + r"\s*年|as of\s+(?:the end of\s+)?" + _Y, re.I), "asof"),
    (
        re.compile(
            r"(?:比|较|較|与|與|相对于|相較於)\s*" + _Y + r"\s*年(?:末|底)?"
            r"|対\s*" + _Y + r"\s*年度?|" + _Y + r"\s*年度?\s*(?:比|と比べ|に比べ)"
            r"|"
            + _Y
            + r"\s*년\s*(?:말\s*)?대비|(?:from|compared (?:with|to)|relative to|over|than)\s+"
            + _Y
            + r"(?!\s*(?:to|-|–)\s*\d)",
            re.I,
        ),
        "base",
    ),
    (
        re.compile(
            r"[“\"「『]?\s*十\s*(?P<n>[一二三四五六]|\d)\s*五\s*[”\"」』]?"
            r"|[‘'’]\s*1(?P<k>[2-6])\.5\s*[’'‘]|(?P<e>\d{1,2})(?:st|nd|rd|th)\s+Five[- ]Year\s+Plan",
            re.I,
        ),
        "period",
    ),
    (re.compile(_Y + r"\s*[-–—~～〜至到]\s*" + _Y + r"(?:\s*年度?|\s*년)?"), "period"),
    (
        re.compile(r"(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年度?(?:\s*(?:まで(?:に)?|末))?"),
        "deadline",
    ),
    (
        re.compile(
            r"(?:到|至|于|於|在|力争到|力爭到|before|by|until|through|in|to)\s*(?:the\s+end\s+of\s+)?"
            r"(?:FY\s?)?" + _Y + r"(?:\s*年(?:底|末)?(?:前)?)?(?!\s*\d)",
            re.I,
        ),
        "deadline",
    ),
    (
        re.compile(_Y + _YEAR_WORD + r"\s*(?:まで(?:に)?|までの|を目途に|末まで|에는|까지|목표|に(?!比))"),
        "deadline",
    ),
    (re.compile(r"FY\s?" + _Y, re.I), "plain"),
    (
        re.compile(r"[(（]\s*[~～]?\s*[‘'’](?P<yy>\d{2})\s*[)）]|[‘'’](?P<y2>\d{2})(?=\s*년|\s*년까지)"),
        "plain",
    ),
    (re.compile(_Y + r"(?:\s*年(?:度|底|末)?|\s*년(?:도)?)"), "plain"),
    (re.compile(r"[(（]\s*" + _Y + r"\s*[)）]"), "plain"),
]


def _year_of(match: re.Match[str], role: YearRole) -> tuple[int, int | None]:
    names = match.groupdict()
    if names.get("era"):
        number = names["n"]
        return ERAS[names["era"]] + (1 if number == "元" else int(number)), None
    if names.get("yy") or names.get("y2"):
        return 2000 + int(names.get("yy") or names["y2"]), None
    if role == "period":
        if names.get("n") or names.get("k") or names.get("e"):
            number = names.get("n") or ("1" + names["k"] if names.get("k") else names["e"])
            start, end = fyp_period(int(number) if number.isdigit() else _CN_ORDINAL["十" + number])
            return end, start
        years = [int(g) for g in match.groups() if g and g.isdigit() and len(g) == 4]
        return years[-1], years[0]
    years = [int(g) for g in match.groups() if g and g.isdigit() and len(g) == 4]
    return years[0], None


def find_years(text: str) -> list[YearMention]:
    """Every year mention in ``text`` (folded), without overlaps, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[YearMention] = []
    for pattern, role in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            year, period_start = _year_of(match, role)
            if not 1900 <= year <= 2100:
                continue
            fyp = any(match.groupdict().get(k) for k in ("n", "k", "e")) and role == "period"
            if fyp and not _PERIOD_WORD.match(text, end):
                role_here: YearRole = "name"  # 十二五规划: the plan's name, not a time frame
            else:
                role_here = role
            taken.append((start, end))
            found.append(YearMention(start, end, year, role_here, period_start))
    return sorted(found, key=lambda m: m.start)


def document_year(text: str, *, head: int = 3000) -> int | None:
    """The year the document was issued, or the best stand-in for it.

    The first full date near the top (a notice's signature date); else the latest date
    or "as of" year anywhere (a commentary's data cut-off); else the latest base year
    (比2015年, 対2015年: plans count from the year they are written).  None when the
    text has none of these, and then only years marked as deadlines count as targets.
    """
    mentions = find_years(text)
    for mention in mentions:
        if mention.role == "date" and mention.start < head:
            return mention.year
    for roles in (("date", "asof"), ("base",)):
        years = [m.year for m in mentions if m.role in roles]
        if years:
            return max(years)
    return None


def document_date(text: str, *, head: int = 3000) -> dt.date | None:
    """The full date (year, month, day) written near the top of the document, if any."""
    pattern = re.compile(_Y + r"\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
    match = pattern.search(text[:head])
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
