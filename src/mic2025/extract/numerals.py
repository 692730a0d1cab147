"""Numbers as plans write them: Arabic, full-width, Chinese/Japanese numerals, magnitude words.

Policy texts mix ``1,000``, ``１０００``, ``千``, ``一千``, ``3万``, ``2.8万亿``, ``1조``,
``100 million`` and ``two`` in one document; this module turns each of them into a float
so the finder can compare values across the five languages.  Everything here is a pure
function of the string, so it is tested exhaustively and reused by the table reader.
"""

from __future__ import annotations

import re

CJK_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "贰": 2,
    "貳": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
CJK_SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
MAGNITUDES: dict[str, float] = {
    # Chinese / Japanese; 兆 is 10^12 as in Japanese, Taiwanese and Korean usage
    "万亿": 1e12,
    "萬億": 1e12,
    "亿": 1e8,
    "億": 1e8,
    "万": 1e4,
    "萬": 1e4,
    "兆": 1e12,
    "千": 1e3,
    "百": 1e2,
    # Korean
    "조": 1e12,
    "억": 1e8,
    "만": 1e4,
    "천": 1e3,
    # English and Indian English
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
EN_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}

CJK_NUMERAL_CHARS = "".join(CJK_DIGITS) + "".join(CJK_SMALL) + "万萬亿億兆"
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""An Arabic number with optional thousands separators and decimals (text already folded)."""

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x2212: 0x2D, 0xFF0E: 0x2E})


def fold(text: str) -> str:
    """Full-width ASCII to ASCII (``１２％`` → ``12%``), keeping the length of the text.

    Offsets into the folded text are offsets into the document, which is why this is a
    one-to-one character map and not Unicode NFKC (which may change the length).
    """
    return text.translate(_FOLD)


def parse_arabic(text: str) -> float:
    """``"1,000"`` → 1000.0, ``"0.70"`` → 0.7 (after :func:`fold`)."""
    return float(fold(text).replace(",", "").replace(" ", ""))


def parse_cjk(text: str) -> float:
    """A Chinese/Japanese numeral: ``千`` → 1000, ``一百二十`` → 120, ``三万五千`` → 35000.

    Positional digit strings (``二〇二五``) read digit by digit.  Raises ValueError on a
    character that is not part of a numeral, so callers never get a silent zero.
    """
    if not text or any(ch not in CJK_NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a CJK numeral: {text!r}")
    if len(text) > 1 and all(ch in CJK_DIGITS for ch in text):
        return float("".join(str(CJK_DIGITS[ch]) for ch in text))
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in CJK_DIGITS:
            digit = CJK_DIGITS[ch]
        elif ch in CJK_SMALL:
            section += (1 if digit is None else digit) * CJK_SMALL[ch]
            digit = None
        else:  # 万, 亿, 兆: close the section
            section += digit or 0
            factor = MAGNITUDES[ch]
            if total < factor:  # 一万亿: the larger word scales everything before it
                total = (total + section) * factor
            else:  # 三亿五千万: a smaller word scales only its own section
                total += section * factor
            section, digit = 0.0, None
    return total + section + (digit or 0)


def magnitude(word: str | None) -> float:
    """The factor of a magnitude word (``万`` → 1e4, ``billion`` → 1e9); 1 for None."""
    if not word:
        return 1.0
    key = word.strip().lower()
    factor = 1.0
    while key:  # 万亿 = 万 × 亿 when not listed as one word
        for name in sorted(MAGNITUDES, key=len, reverse=True):
            if key.startswith(name):
                factor *= MAGNITUDES[name]
                key = key[len(name) :].strip()
                break
        else:
            raise ValueError(f"not a magnitude word: {word!r}")
    return factor


def parse_number(text: str) -> float:
    """Any single number as written: Arabic, full-width, CJK numeral or English word."""
    folded = fold(text).strip()
    if re.fullmatch(ARABIC, folded):
        return parse_arabic(folded)
    if folded.lower() in EN_WORDS:
        return float(EN_WORDS[folded.lower()])
    return parse_cjk(folded)
