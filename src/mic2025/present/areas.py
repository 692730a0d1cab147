"""Area names in the five languages: China as a whole and its 31 provincial-level divisions.

Codes are ISO 3166-2:CN (``mic2025.store.areas``).  Names follow each language's usual
form: the full administrative name in Chinese and Japanese (广东省, 広東省), the Korean
reading with its administrative suffix (광둥성), the common English name (Guangdong).
Korean writes 山西 and 陝西 alike (산시성), so those two carry their hanja.
"""

from __future__ import annotations

from mic2025.store.areas import NATIONAL, PROVINCES

# code: (en, zh-Hans, zh-Hant, ja, ko)
_NAMES: dict[str, tuple[str, str, str, str, str]] = {
    NATIONAL: ("China (national)", "全国", "全國", "全国", "전국"),
    "CN-BJ": ("Beijing", "北京市", "北京市", "北京市", "베이징시"),
    "CN-TJ": ("Tianjin", "天津市", "天津市", "天津市", "톈진시"),
    "CN-HE": ("Hebei", "河北省", "河北省", "河北省", "허베이성"),
    "CN-SX": ("Shanxi", "山西省", "山西省", "山西省", "산시성(山西)"),
    "CN-NM": ("Inner Mongolia", "内蒙古自治区", "內蒙古自治區", "内モンゴル自治区", "네이멍구 자치구"),
    "CN-LN": ("Liaoning", "辽宁省", "遼寧省", "遼寧省", "랴오닝성"),
    "CN-JL": ("Jilin", "吉林省", "吉林省", "吉林省", "지린성"),
    "CN-HL": ("Heilongjiang", "黑龙江省", "黑龍江省", "黒竜江省", "헤이룽장성"),
    "CN-SH": ("Shanghai", "上海市", "上海市", "上海市", "상하이시"),
    "CN-JS": ("Jiangsu", "江苏省", "江蘇省", "江蘇省", "장쑤성"),
    "CN-ZJ": ("Zhejiang", "浙江省", "浙江省", "浙江省", "저장성"),
    "CN-AH": ("Anhui", "安徽省", "安徽省", "安徽省", "안후이성"),
    "CN-FJ": ("Fujian", "福建省", "福建省", "福建省", "푸젠성"),
    "CN-JX": ("Jiangxi", "江西省", "江西省", "江西省", "장시성"),
    "CN-SD": ("Shandong", "山东省", "山東省", "山東省", "산둥성"),
    "CN-HA": ("Henan", "河南省", "河南省", "河南省", "허난성"),
    "CN-HB": ("Hubei", "湖北省", "湖北省", "湖北省", "후베이성"),
    "CN-HN": ("Hunan", "湖南省", "湖南省", "湖南省", "후난성"),
    "CN-GD": ("Guangdong", "广东省", "廣東省", "広東省", "광둥성"),
    "CN-GX": ("Guangxi", "广西壮族自治区", "廣西壯族自治區", "広西チワン族自治区", "광시 좡족 자치구"),
    "CN-HI": ("Hainan", "海南省", "海南省", "海南省", "하이난성"),
    "CN-CQ": ("Chongqing", "重庆市", "重慶市", "重慶市", "충칭시"),
    "CN-SC": ("Sichuan", "四川省", "四川省", "四川省", "쓰촨성"),
    "CN-GZ": ("Guizhou", "贵州省", "貴州省", "貴州省", "구이저우성"),
    "CN-YN": ("Yunnan", "云南省", "雲南省", "雲南省", "윈난성"),
    "CN-XZ": ("Tibet", "西藏自治区", "西藏自治區", "チベット自治区", "시짱 자치구"),
    "CN-SN": ("Shaanxi", "陕西省", "陝西省", "陝西省", "산시성(陝西)"),
    "CN-GS": ("Gansu", "甘肃省", "甘肅省", "甘粛省", "간쑤성"),
    "CN-QH": ("Qinghai", "青海省", "青海省", "青海省", "칭하이성"),
    "CN-NX": ("Ningxia", "宁夏回族自治区", "寧夏回族自治區", "寧夏回族自治区", "닝샤 후이족 자치구"),
    "CN-XJ": ("Xinjiang", "新疆维吾尔自治区", "新疆維吾爾自治區", "新疆ウイグル自治区", "신장 위구르 자치구"),
}
_COLUMN = {"en": 0, "zh-Hans": 1, "zh-Hant": 2, "ja": 3, "ko": 4}

assert set(_NAMES) == {NATIONAL, *PROVINCES}, "every province needs its names"


def area_name(code: str, lang: str) -> str:
    """The area's name in ``lang``; a code outside China (USA, DEU...) is shown as it is."""
    names = _NAMES.get(code)
    return names[_COLUMN.get(lang, 0)] if names else code


def area_choices(lang: str) -> list[tuple[str, str]]:
    """(code, name) for China and every province, in the order of the statistical yearbooks."""
    return [(code, area_name(code, lang)) for code in _NAMES]
