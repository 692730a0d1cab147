"""Which of the five languages a piece of text is written in, from its script.

Hangul means Korean, kana means Japanese, Han characters alone mean Chinese (Traditional
when characters that exist only in Traditional script outnumber those only in Simplified),
Latin letters alone mean English.  That is enough for plans, whose sentences are long and
whose languages do not share a script mix.
"""

from __future__ import annotations

import re

LANGS = ("en", "zh-Hans", "zh-Hant", "ja", "ko")
"""Languages the extractor has patterns for (each needs its numerals, years and comparators,
so this is its own list rather than ``mic2025.languages``, which lists the interface's)."""

_HANGUL = re.compile(r"[\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# characters frequent in plans that exist in one script only
_TRADITIONAL = set(
    "國製業為與發實現產這會們個關於來時說對進過還後經還機動區標準點術應場幣較萬億臺廠園兩東車軌維護設計開體變網資訊質"
)
_SIMPLIFIED = set(
    "国制业为与发实现产这会们个关于来时说对进过还后经机动区标准点术应场币较万亿台厂园两东车轨维护设计开体变网资讯质"
)


def detect_language(text: str) -> str:
    """The language of ``text``: ``ko``, ``ja``, ``zh-Hant``, ``zh-Hans`` or ``en``."""
    latin = len(_LATIN.findall(text))
    hangul = len(_HANGUL.findall(text))
    kana = len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    if latin > 3 * (hangul + kana + len(_HAN.findall(text))):
        return "en"
    if hangul and hangul >= kana:
        return "ko"
    if kana:
        return "ja"
    if han:
        traditional = sum(ch in _TRADITIONAL for ch in text)
        simplified = sum(ch in _SIMPLIFIED for ch in text)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    return "en"


def check_lang(lang: str) -> str:
    """``auto`` or one of the five languages; ValueError listing them otherwise."""
    if lang != "auto" and lang not in LANGS:
        raise ValueError(f"language must be auto or one of {', '.join(LANGS)}, got {lang!r}")
    return lang
