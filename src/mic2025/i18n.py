"""Interface strings in five languages, from Babel message catalogues (``locales/*.po``).

Plan labels live in the plan file; everything else a person reads (column headings,
status words, report headings) lives here.  A string missing from a catalogue falls back
to English on its own, never the whole page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

from mic2025.languages import language, normalise

LOCALE_DIR = Path(__file__).parent / "locales"
CATALOG_DOMAIN = "mic2025"


def check_language(lang: str) -> str:
    """The canonical code (case-insensitive), else a ValueError listing the supported ones."""
    return normalise(lang)


def babel_locale(lang: str) -> Locale:
    """The Babel locale for number and date formatting in ``lang``."""
    from babel import Locale

    return Locale.parse(language(lang).locale)


@cache
def _messages(lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    babel = language(lang).babel
    path = LOCALE_DIR / babel / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=babel)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translator(lang: str) -> Callable[[str], str]:
    """``_(msgid)`` for ``lang``: the translation, or the English msgid when there is none."""
    messages = _messages(check_language(lang))

    def translate(msgid: str) -> str:
        return messages.get(msgid) or msgid

    return translate
