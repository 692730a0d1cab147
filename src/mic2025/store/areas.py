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


def area_name(code: str, lang: str = "en") -> str:
    """A display name: Chinese names for zh/ja readers, English otherwise."""
    if code == NATIONAL:
        return "中国" if lang.startswith(("zh", "ja")) else ("중국" if lang == "ko" else "China")
    if code in PROVINCES:
        english, chinese = PROVINCES[code]
        return chinese if lang.startswith(("zh", "ja")) else english
    return code
