"""Numbers, dates, statuses and notes in one language: the formatter every output shares.

The CLI, the reports and the dashboard all show figures through this class, so "1,234.5"
in English is "1,234.5" in Chinese and Japanese, "1,234.5" in Korean, a share is
"93 %" / "93%", and a status is always a symbol *and* a word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mic2025.i18n import babel_locale, check_language, translator
from mic2025.languages import language
from mic2025.vocabulary import COUNTED_FRAGMENTS

if TYPE_CHECKING:
    from mic2025.plan.model import DocRef

_NUMBER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class StatusView:
    """A status as shown: code, word, symbol and colour (never colour alone)."""

    code: str
    word: str
    symbol: str
    ascii: str
    colour: str

    @property
    def text(self) -> str:
        return f"{self.symbol} {self.word}"


def missing(value: Any) -> bool:
    """None, NaN, NA or an empty string: nothing to show."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    try:
        return bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        try:
            import pandas as pd

            return bool(pd.isna(value))
        except (TypeError, ValueError):
            return False


class Formatter:
    """Numbers, percentages, dates, references, statuses and notes in ``lang``.

    Parameters
    ----------
    lang
        A language code (any case); English fills in for any missing translation.
    """

    def __init__(self, lang: str) -> None:
        self.lang = check_language(lang)
        self.locale = babel_locale(self.lang)
        self._: Callable[[str], str] = translator(self.lang)

    def num(self, value: Any, digits: int = 3) -> str:
        """A figure with up to ``digits`` decimals and the language's separators; '' if none."""
        from babel.numbers import format_decimal

        if missing(value):
            return ""
        pattern = "#,##0." + "#" * digits if digits else "#,##0"
        return format_decimal(float(value), format=pattern, locale=self.locale)

    def pct(self, share: Any, digits: int = 0) -> str:
        """A share as a percentage (0.93 → '93 %' in English, '93%' in Chinese)."""
        from babel.numbers import format_percent

        if missing(share):
            return ""
        pattern = "#,##0%" if not digits else "#,##0." + "#" * digits + "%"
        return format_percent(float(share), format=pattern, locale=self.locale)

    def period(self, value: Any) -> str:
        """A period for running text: a year as the language writes one (2024年, 2024년);
        quarters, months and ranges as stored; '' if none."""
        if missing(value) or str(value) == "":
            return ""
        text = str(value)
        if text.isdigit() and len(text) == 4:
            return text + language(self.lang).year_suffix
        return text

    def date(self, value: Any) -> str:
        """An ISO date (YYYY-MM-DD) whatever the input type; '' if none."""
        if missing(value):
            return ""
        if hasattr(value, "date") and callable(value.date):
            value = value.date()
        return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]

    def ref(self, ref: DocRef | None) -> str:
        """'section 2.3, box 1, note 2' in the language."""
        if ref is None:
            return ""
        _ = self._
        parts = [_("section {section}").format(section=ref.section)]
        if ref.box is not None:
            parts.append(_("box {box}").format(box=ref.box))
        if ref.note:
            parts.append(_("note {note}").format(note=ref.note))
        return _(", ").join(parts)

    def status(self, code: str) -> StatusView:
        from mic2025.evaluate.status import BY_CODE

        s = BY_CODE[code] if code in BY_CODE else BY_CODE["insufficient_data"]
        return StatusView(s.code, self._(s.word), s.symbol, s.ascii, s.colour)

    def method(self, name: str, *, short: bool = False) -> str:
        """A method's name (or short name) in the language; the code if unknown."""
        from mic2025.evaluate.methods import METHODS

        module = METHODS.get(name)
        if module is None:
            return name
        return self._(module.SHORT_LABEL if short else module.LABEL)

    def notes(self, note: Any) -> str:
        """Engine notes, translated one fragment at a time (English where untranslated)."""
        if missing(note):
            return ""
        parts = [self._fragment(p.strip()) for p in str(note).split(";") if p.strip()]
        return self._("; ").join(parts)

    def _fragment(self, text: str) -> str:
        numbers = _NUMBER.findall(text)
        if len(numbers) == 1:
            pattern = text.replace(numbers[0], "{n}", 1)
            if pattern in COUNTED_FRAGMENTS:
                return self._(COUNTED_FRAGMENTS[pattern]).format(n=numbers[0])
        return self._(text)
