"""Interface strings in five languages, from Babel message catalogues (``locales/*.po``).

Plan labels live in the plan file; everything else a person reads (column headings,
status words, report headings) lives here.  A string missing from a catalogue falls back
to English on its own, never the whole page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from mic2025.plan.model import LANGUAGES

LOCALE_DIR = Path(__file__).parent / "locales"
CATALOG_DOMAIN = "mic2025"

_BABEL_NAMES = {"en": "en", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "ja": "ja", "ko": "ko"}


def check_language(lang: str) -> str:
    """The language code if supported, else a ValueError listing the supported ones."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def babel_locale(lang: str) -> Locale:
    """The Babel locale for number and date formatting in ``lang``."""
    return Locale.parse(_BABEL_NAMES[check_language(lang)])


@cache
def _messages(lang: str) -> dict[str, str]:
    path = LOCALE_DIR / _BABEL_NAMES[lang] / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=_BABEL_NAMES[lang])
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translator(lang: str) -> Callable[[str], str]:
    """``_(msgid)`` for ``lang``: the translation, or the English msgid when there is none."""
    messages = _messages(check_language(lang))

    def translate(msgid: str) -> str:
        return messages.get(msgid) or msgid

    return translate
