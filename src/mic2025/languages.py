"""The languages mic2025 speaks: one table, read by everything else.

Adding a language is one row here, its plan labels and its message catalogue
(``locales/<babel>/LC_MESSAGES/mic2025.po``); the plan model's label fields, the
command line's ``--lang``, the API's ``lang`` parameter, the fonts of reports and
charts and the dashboard's language menu all derive from this table.

zh-Hant follows the Hong Kong Traditional-Chinese text of the strategy: the official
mainland terms in Traditional script (数字化 → 數字化, not Taiwan's 數位化), so its
Babel locale is ``zh_Hant_HK`` for number and date formats and its face is the Hong
Kong cut of Noto Sans CJK.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One interface and label language.

    ``code`` is the BCP 47 tag used in plan files, URLs and the CLI; ``field`` the
    Python name of its label field; ``babel`` the message-catalogue folder;
    ``locale`` the Babel locale for numbers and dates; ``native`` the language's name
    in itself (so a reader finds their own); ``face`` the font family whose glyph
    shapes match the language; ``fallback_faces`` what follows it in a CSS stack.
    """

    code: str
    babel: str
    locale: str
    native: str
    face: str
    fallback_faces: tuple[str, ...] = ("DejaVu Sans",)
    year_suffix: str = ""

    @property
    def field(self) -> str:
        return self.code.replace("-", "_")

    @property
    def font_stack(self) -> str:
        """A CSS ``font-family`` value: the face, its fallbacks, then generic sans."""
        faces = [self.face, *self.fallback_faces]
        return ", ".join(f'"{f}"' for f in faces) + ", sans-serif"


TABLE: tuple[Language, ...] = (
    Language("en", "en", "en", "English", "DejaVu Sans", ("Noto Sans CJK SC",)),
    Language("zh-Hans", "zh_Hans", "zh_Hans_CN", "简体中文", "Noto Sans CJK SC", year_suffix="年"),
    Language("zh-Hant", "zh_Hant", "zh_Hant_HK", "繁體中文", "Noto Sans CJK HK", year_suffix="年"),
    Language("ja", "ja", "ja_JP", "日本語", "Noto Sans CJK JP", year_suffix="年"),
    Language("ko", "ko", "ko_KR", "한국어", "Noto Sans CJK KR", year_suffix="년"),
)
"""Every language, English first: English is the fallback, per string, never per page."""

CODES: tuple[str, ...] = tuple(lang.code for lang in TABLE)
DEFAULT = "en"
_BY_KEY = {lang.code.lower(): lang for lang in TABLE}


def language(code: str) -> Language:
    """The language for a code, case- and separator-insensitive (``zh_hans``, ``JA``).

    Raises ValueError listing the supported codes when there is none.
    """
    found = _BY_KEY.get(code.strip().lower().replace("_", "-"))
    if found is None:
        raise ValueError(f"unsupported language {code!r}; use one of {', '.join(CODES)}")
    return found


def normalise(code: str) -> str:
    """The canonical code (``zh-hans`` → ``zh-Hans``); ValueError when unsupported."""
    return language(code).code
