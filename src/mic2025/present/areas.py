"""Area names as pages show them: China as a whole and its 31 provincial-level divisions.

Province names are ``mic2025.store.areas.area_name``'s, the names the reports use (广东,
廣東, 広東, 광둥, Guangdong), so a reader meets one name for a province everywhere.  Where
China is one choice among its provinces (the dashboard's area selector) it is named as
the national total: "China (national)", 全国, 全國, 全国, 전국.
"""

from __future__ import annotations

from mic2025.store.areas import CHINA_AREAS, NATIONAL
from mic2025.store.areas import area_name as _store_name

NATIONAL_NAMES: dict[str, str] = {
    "en": "China (national)",
    "zh-Hans": "全国",
    "zh-Hant": "全國",
    "ja": "全国",
    "ko": "전국",
}


def area_name(code: str, lang: str) -> str:
    """The area's name in ``lang``; a code outside China (USA, DEU...) is shown as it is."""
    if code == NATIONAL:
        return NATIONAL_NAMES.get(lang, NATIONAL_NAMES["en"])
    return _store_name(code, lang)


def area_choices(lang: str) -> list[tuple[str, str]]:
    """(code, name) for China and every province, in the order of the statistical yearbooks."""
    return [(code, area_name(code, lang)) for code in CHINA_AREAS]
