"""How a stated value is meant: at least, more than, about, at most, less than.

The words sit right before the number (``超过``, ``約``, ``약``, ``more than``) or right
after it and its unit (``以上``, ``左右``, ``程度``, ``이상``, ``내외``, ``or more``); a
value may carry both (``약 15개 좌우``).  The plan model's codes are ``=``, ``>=``, ``>``,
``~``, ``<=``, ``<``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mic2025.extract.patterns import alternation, merged
from mic2025.plan.model import Comparator


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern[str]:
    words = alternation(list(merged().prefix))
    return re.compile(r"(?:(?<![A-Za-z])(?P<w>" + words + r"))\s*$", re.I)


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern[str]:
    words = alternation(list(merged().suffix))
    return re.compile(r"^\s*(?P<w>" + words + r")(?![A-Za-z])", re.I)


def prefix_comparator(text: str, at: int) -> tuple[Comparator | None, int]:
    """The comparator word ending just before ``text[at]``, and where it starts."""
    window = text[max(0, at - 16) : at]
    match = _prefix_re().search(window)
    if match is None:
        return None, at
    word = match.group("w")
    code = merged().prefix.get(word) or merged().prefix.get(word.lower())
    return code, at - len(window) + match.start("w")


def suffix_comparator(text: str, at: int) -> tuple[Comparator | None, int]:
    """The comparator word starting just after ``text[at]``, and where it ends."""
    match = _suffix_re().match(text[at : at + 16])
    if match is None:
        return None, at
    word = match.group("w")
    code = merged().suffix.get(word) or merged().suffix.get(word.lower())
    return code, at + match.end("w")


def combine(prefix: Comparator | None, suffix: Comparator | None) -> Comparator:
    """One code from both sides: a bound or "about" wins over a bare "reach" (``=``)."""
    for code in (suffix, prefix):
        if code not in (None, "="):
            return code
    return "="
