"""Area codes: China, its 31 provincial-level divisions, and countries for comparisons.

Provinces use ISO 3166-2:CN letter codes (the 2017 revision), so ``CN-GD`` is Guangdong.
Hong Kong, Macao and Taiwan are outside the strategy's statistical scope and are not listed.
"""

from __future__ import annotations

import re

NATIONAL = "CN"

PROVINCES: dict[str, tuple[str, str]] = {
    # code: (English, Chinese)
    "CN-BJ": ("Beijing", "北京"),
    "CN-TJ": ("Tianjin", "天津"),
    "CN-HE": ("Hebei", "河北"),
    "CN-SX": ("Shanxi", "山西"),
    "CN-NM": ("Inner Mongolia", "内蒙古"),
    "CN-LN": ("Liaoning", "辽宁"),
    "CN-JL": ("Jilin", "吉林"),
    "CN-HL": ("Heilongjiang", "黑龙江"),
    "CN-SH": ("Shanghai", "上海"),
    "CN-JS": ("Jiangsu", "江苏"),
    "CN-ZJ": ("Zhejiang", "浙江"),
    "CN-AH": ("Anhui", "安徽"),
    "CN-FJ": ("Fujian", "福建"),
    "CN-JX": ("Jiangxi", "江西"),
    "CN-SD": ("Shandong", "山东"),
    "CN-HA": ("Henan", "河南"),
    "CN-HB": ("Hubei", "湖北"),
    "CN-HN": ("Hunan", "湖南"),
    "CN-GD": ("Guangdong", "广东"),
    "CN-GX": ("Guangxi", "广西"),
    "CN-HI": ("Hainan", "海南"),
    "CN-CQ": ("Chongqing", "重庆"),
    "CN-SC": ("Sichuan", "四川"),
    "CN-GZ": ("Guizhou", "贵州"),
    "CN-YN": ("Yunnan", "云南"),
    "CN-XZ": ("Tibet", "西藏"),
    "CN-SN": ("Shaanxi", "陕西"),
    "CN-GS": ("Gansu", "甘肃"),
    "CN-QH": ("Qinghai", "青海"),
    "CN-NX": ("Ningxia", "宁夏"),
    "CN-XJ": ("Xinjiang", "新疆"),
}

CHINA_AREAS: tuple[str, ...] = (NATIONAL, *PROVINCES)
"""National plus the 31 provinces: the areas a scorecard is computed for."""

COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
"""ISO 3166-1 alpha-3, for international comparison series (USA, DEU...)."""


def is_valid_area(code: str) -> bool:
    return code in CHINA_AREAS or bool(COUNTRY_CODE.match(code))


LOCAL_NAMES: dict[str, dict[str, str]] = {
    # Traditional script (Hong Kong forms), Japanese kanji (shinjitai) and Korean (hangul)
    # where they differ from the simplified Chinese name
    "zh-Hant": {
        "CN-NM": "內蒙古", "CN-LN": "遼寧", "CN-HL": "黑龍江", "CN-JS": "江蘇", "CN-SD": "山東",
        "CN-GD": "廣東", "CN-GX": "廣西", "CN-CQ": "重慶", "CN-GZ": "貴州", "CN-YN": "雲南",
        "CN-SN": "陝西", "CN-GS": "甘肅", "CN-NX": "寧夏",
    },
    "ja": {
        "CN-NM": "内モンゴル", "CN-LN": "遼寧", "CN-HL": "黒竜江", "CN-JS": "江蘇", "CN-SD": "山東",
        "CN-GD": "広東", "CN-GX": "広西", "CN-CQ": "重慶", "CN-GZ": "貴州", "CN-YN": "雲南",
        "CN-XZ": "チベット", "CN-SN": "陝西", "CN-GS": "甘粛", "CN-NX": "寧夏",
    },
    "ko": {
        "CN-BJ": "베이징", "CN-TJ": "톈진", "CN-HE": "허베이", "CN-SX": "산시(山西)", "CN-NM": "네이멍구",
        "CN-LN": "랴오닝", "CN-JL": "지린", "CN-HL": "헤이룽장", "CN-SH": "상하이", "CN-JS": "장쑤",
        "CN-ZJ": "저장", "CN-AH": "안후이", "CN-FJ": "푸젠", "CN-JX": "장시", "CN-SD": "산둥",
        "CN-HA": "허난", "CN-HB": "후베이", "CN-HN": "후난", "CN-GD": "광둥", "CN-GX": "광시",
        "CN-HI": "하이난", "CN-CQ": "충칭", "CN-SC": "쓰촨", "CN-GZ": "구이저우", "CN-YN": "윈난",
        "CN-XZ": "시짱", "CN-SN": "산시(陝西)", "CN-GS": "간쑤", "CN-QH": "칭하이", "CN-NX": "닝샤",
        "CN-XJ": "신장",
    },
}  # fmt: skip
"""Province names in the other report languages, where they differ from the Chinese name."""


def area_name(code: str, lang: str = "en") -> str:
    """A display name in ``lang``: the province's name in the language's own script."""
    if code == NATIONAL:
        national = {"en": "China", "ko": "중국", "zh-Hant": "中國"}
        return national.get(lang, "中国")
    if code in PROVINCES:
        english, chinese = PROVINCES[code]
        if lang == "en":
            return english
        return LOCAL_NAMES.get(lang, {}).get(code, chinese)
    return code
