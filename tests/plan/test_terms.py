"""The plan speaks the strategy's own terms in every language.

``data/strategy/terms.toml`` lists, for each key indicator, major project, priority sector,
strategic task, step and support measure, the term as each language's text of *Made in
China 2025* writes it (``data/strategy/*.txt``) and where. The checks below are small
functions that return a list of problems; each is run on the real plan and texts (no problem
expected) and on a deliberately broken copy (problems expected): a check that cannot fail
is no check.

(a) every recorded term occurs at its offset in its text;
(b) the plan's labels contain the terms;
(c) no zh-Hant text of the plan or of the zh_Hant catalogue uses Taiwan vocabulary where the
    Hong Kong text uses the official mainland term (``TAIWAN_TERMS``);
(d) Japanese and Korean labels carry no simplified or Chinese-only character that the
    Japanese or Korean text does not use;
and the key indicators' definitions quote the table footnotes of each text, and every count
indicator has the measure word its texts use.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from pydantic import BaseModel

import mic2025.i18n as i18n
from mic2025.plan import Element, Labels, Plan, default_plan

STRATEGY = Path(__file__).resolve().parents[2] / "data" / "strategy"
LOCALES = Path(i18n.__file__).parent / "locales"
LANGS = ("zh-Hans", "zh-Hant", "ja", "ko", "en")
CJK = {"zh-Hans", "zh-Hant", "ja"}
KIND_SIZES = {"indicators": 12, "projects": 5, "sectors": 10, "tasks": 9, "steps": 3, "measures": 8}
# ko.txt holds the Korean translation and, after it, the Chinese original: Korean terms and
# the characters the Korean text uses are taken from the Korean part only.
KOREAN_PART_ENDS_AT = "国务院,关于印发"

# (c) Taiwan vocabulary in zh-Hant texts: (pattern, the mainland term the plan uses, where the
# Hong Kong text shows that term or None where it has neither form). Only words for which the
# Hong Kong text uses the mainland form in the strategy's terms are listed; it writes 水準 and
# 積體電路 itself, so they are not here.
TAIWAN_TERMS: list[tuple[str, str, str | None]] = [
    ("資訊", "信息", "新一代信息技術產業"),
    ("數位", "數字", "數字化"),
    ("車輛", "汽車", "節能與新能源汽車"),
    ("高階", "高端", "高端裝備創新工程"),
    ("航太", "航空航天, 航天", "航空航天裝備"),
    ("軟體", "軟件", None),
    ("硬體", "硬件", None),
    ("網路", "網絡", "網絡系統"),
    # the strategy writes 品质 only in 追求卓越品质; everywhere else 质量, and the Hong Kong
    # text has 質量 in the strategy's compounds (加強質量品牌建設, 夯實質量發展基礎)
    # (not the 品質 of 產品質量, 商品質量: 品 ends the word before)
    ("(?<!卓越)(?<![產商])品質", "質量", "加強質量品牌建設"),
    # 智能制造 is 智能製造 in the Hong Kong text; the strategy's own 智慧 is 智慧决策 only
    ("智慧(?!決策)", "智能", "智能製造工程"),
    ("數值控制", "數控", "高檔數控機床和機器人"),
    ("工具機", "機床", "高檔數控機床和機器人"),
    ("製程", "工藝, 工序", "先進基礎工藝"),
    ("零組件", "零部件", "核心基礎零部件"),
    ("專案", "項目", "試點示範項目"),
]

# (d) Simplified forms (OpenCC s2t changes them) found in the Chinese texts, the zh-Hans
# labels and catalogue, less those the Japanese text uses and those that are also ordinary
# Japanese kanji (写 号 声 旧 机 群 ...). Generated once with OpenCC, then reviewed.
SIMPLIFIED_FORMS = frozenset(
    "专业东丝两严个丰临为义乐习于云产亿仅从仪们价众优伟传伪侧债偿储关兴养册军农决况净减击划"
    "则创删别办务动劳势华协单卖卫历厉压发变吨启员响团园围图场块坚垄处备复够头奋奖娱婴实审宽"
    "对导尘层岗巩币师带广库应废开弃张强录彻态总惩战户执扩扰抢护报拟择挤挥换摆权杂极构栅标栏"
    "树样档桨梦检气汇洁测济涡渔满灵炼热牵玛环现电疗监盖盘码础硕确离种积稳竞筹简类粮紧纤约级"
    "纪纯纲纳纷纺线练组细织终经结绕给络绝统继绩续维绸综绿缓缔编缝缩网职联胜脉艰艺节范药获营"
    "虑衔补见观规视览誉计订认训议记许设证评识诊试诚询该语误诱说请诺调谋谱负财责货质购贮贯贴"
    "贷贸费赁资赢趋跃踪车轨转轮软轴轻载较辅辐输辖边达过迈运还这进远违连适选遥邮采释鉴针钢钻"
    "铁银铸链销锅错键锻镇长门问间阈阔队阵阶际险随难页顶项顺须预领颈题颜颠风飞驱验骤鲜齐"
    "吗呢啊吧咱您俩"  # Chinese-only characters of everyday writing
)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# -- data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {lang: (STRATEGY / f"{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}


@pytest.fixture(scope="module")
def terms() -> dict[str, Any]:
    with (STRATEGY / "terms.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return default_plan()


def catalogue(lang: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of one language's interface catalogue."""
    with (LOCALES / lang / "LC_MESSAGES" / "mic2025.po").open("rb") as fh:
        return [(m.id, m.string) for m in read_po(fh) if m.id and isinstance(m.string, str)]


def korean_part(texts: dict[str, str]) -> str:
    ko = texts["ko"]
    return ko[: ko.index(KOREAN_PART_ENDS_AT)]


def entries(terms: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for kind, elements in terms.items():
        for element_id, by_lang in elements.items():
            for lang, rec in by_lang.items():
                yield kind, element_id, lang, rec


def elements_of(plan: Plan, kind: str) -> dict[str, Element]:
    found: dict[str, list[Element]] = {
        "indicators": [i for i in plan.indicators if i.key],
        "projects": list(plan.projects),
        "sectors": list(plan.sectors),
        "tasks": list(plan.tasks),
        "steps": list(plan.steps),
        "measures": list(plan.measures),
    }
    return {el.id: el for el in found[kind]}


def text_of(labels: Labels, lang: str) -> str | None:
    """The language's own text (no English fallback)."""
    return getattr(labels, lang.replace("-", "_"))


def all_labels(obj: object, where: str = "plan") -> Iterator[tuple[str, Labels]]:
    """Every Labels of the plan: labels, descriptions, formulas, definitions, counters..."""
    if isinstance(obj, Labels):
        yield where, obj
    elif isinstance(obj, BaseModel):
        name = getattr(obj, "id", None)
        for field in type(obj).model_fields:
            yield from all_labels(getattr(obj, field), f"{name or where}.{field}")
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from all_labels(item, where)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from all_labels(item, f"{where}.{key}")


def collapse(lang: str, text: str) -> str:
    """Drop layout whitespace (zh, ja) or fold it to one space (ko, en)."""
    return re.sub(r"\s+", "", text) if lang in CJK else re.sub(r"\s+", " ", text).strip()


# -- the checks ------------------------------------------------------------------------


def offset_problems(terms: dict[str, Any], texts: dict[str, str]) -> list[str]:
    """(a) each term is where terms.toml says; converted zh-Hant terms are truly absent."""
    problems = []
    for kind, size in KIND_SIZES.items():
        if len(terms.get(kind, {})) != size:
            problems.append(f"{kind}: {len(terms.get(kind, {}))} elements, expected {size}")
    hk_flat = re.sub(r"\s+", "", texts["zh-Hant"])
    ko_end = len(korean_part(texts))
    for kind, element_id, lang, rec in entries(terms):
        where = f"{kind}.{element_id}.{lang}"
        term, source = rec.get("term", ""), rec.get("source")
        if not term:
            problems.append(f"{where}: no term")
            continue
        if source == "text":
            text, offset = texts[lang], rec["offset"]
            written = rec.get("written", term)
            if text[offset : offset + len(written)] != written:
                found = text[offset : offset + len(written)]
                problems.append(f"{where}: {written!r} not at {offset} (found {found!r})")
            if "written" in rec:
                fixed = written
                for old, new in rec.get("fix", []):
                    fixed = fixed.replace(old, new)
                if written == term or collapse(lang, fixed) != term:
                    problems.append(f"{where}: written {written!r} does not give {term!r}")
            if bool(rec.get("spans_lines")) != ("\n" in written):
                problems.append(f"{where}: spans_lines does not match the text")
            if lang == "ko" and offset >= ko_end:
                problems.append(f"{where}: found in the Chinese part of ko.txt")
        elif source == "converted":
            hans = terms[kind][element_id]["zh-Hans"]["term"]
            if lang != "zh-Hant" or rec.get("converted_from") != hans:
                problems.append(f"{where}: converted, but not from the zh-Hans term {hans!r}")
            elif len(term) != len(hans):
                problems.append(f"{where}: {term!r} is not a character-by-character conversion")
            if term in hk_flat:
                problems.append(f"{where}: {term!r} occurs in the Hong Kong text; give its offset")
            if "hk_form" in rec and texts["zh-Hant"].find(rec["hk_form"]) != rec.get("hk_offset"):
                problems.append(f"{where}: hk_form {rec['hk_form']!r} not at hk_offset")
        else:
            problems.append(f"{where}: source is {source!r}")
    return problems


def label_problems(plan: Plan, terms: dict[str, Any]) -> list[str]:
    """(b) each element's label contains the term of its language's text."""
    problems = []
    for kind in KIND_SIZES:
        elements = elements_of(plan, kind)
        listed = set(terms.get(kind, {}))
        if listed != set(elements):
            problems.append(f"{kind}: terms for {sorted(listed ^ set(elements))} do not match the plan")
        # English indicator labels keep the project's statistical English ("above designated
        # size"); the English table wording is recorded in terms.toml but not enforced.
        langs = ("zh-Hans", "zh-Hant", "ja", "ko") + (() if kind == "indicators" else ("en",))
        for element_id in sorted(listed & set(elements)):
            for lang in langs:
                term = terms[kind][element_id][lang]["term"]
                label = text_of(elements[element_id].labels, lang) or ""
                if term not in label:
                    problems.append(f"{kind}.{element_id}.{lang}: {label!r} lacks {term!r}")
    return problems


def taiwan_problems(hant_texts: list[tuple[str, str]]) -> list[str]:
    """(c) zh-Hant texts use the mainland terms in Traditional script."""
    problems = []
    for where, text in hant_texts:
        for pattern, mainland, _ in TAIWAN_TERMS:
            if re.search(pattern, text):
                problems.append(f"{where}: {pattern} (use {mainland}) in {text!r}")
    return problems


def foreign_character_problems(
    ja_texts: list[tuple[str, str]], ko_texts: list[tuple[str, str]], texts: dict[str, str]
) -> list[str]:
    """(d) no simplified or Chinese-only character the Japanese or Korean text does not use."""
    problems = []
    ja_chars, ko_chars = set(texts["ja"]), set(korean_part(texts))
    for where, text in ja_texts:
        bad = sorted({c for c in text if c in SIMPLIFIED_FORMS and c not in ja_chars})
        if bad:
            problems.append(f"{where} (ja): {''.join(bad)} in {text!r}")
    for where, text in ko_texts:
        bad = sorted({c for c in HAN.findall(text) if c not in ko_chars})
        if bad:
            problems.append(f"{where} (ko): {''.join(bad)} in {text!r}")
    return problems


# Korean corrections also made in terms.toml (spacing of 규모 이상, 률 after a consonant)
KOREAN_FIXES = [("규모이상", "규모 이상"), ("일정규모", "일정 규모"), ("보급율", "보급률")]
# The texts count no pilot projects: these are the ordinary measure words of 项目 and 프로젝트.
NOT_COUNTED_IN_TEXTS = {"个", "個", "件"}


def definition_problems(plan: Plan, texts: dict[str, str]) -> list[str]:
    """Key indicators with a table footnote quote it in each language (zh-Hant converted)."""
    problems = []
    korean = korean_part(texts)
    for old, new in KOREAN_FIXES:
        korean = korean.replace(old, new)
    sources = {"zh-Hans": texts["zh-Hans"], "ja": texts["ja"], "ko": korean, "en": texts["en"]}
    for ind in plan.indicators:
        if not ind.key or ind.ref.note is None:
            continue
        if ind.definition is None:
            problems.append(f"{ind.id}: no definition though footnote {ind.ref.note} gives one")
            continue
        for lang, source in sources.items():
            quote = text_of(ind.definition, lang) or ""
            if not quote or collapse(lang, quote) not in collapse(lang, source):
                problems.append(f"{ind.id}.definition.{lang}: {quote!r} is not in the text")
        hans, hant = ind.definition.zh_Hans or "", ind.definition.zh_Hant or ""
        if len(hans) != len(hant):
            problems.append(f"{ind.id}.definition.zh-Hant: not a conversion of the zh-Hans quote")
    return problems


def counter_problems(plan: Plan, texts: dict[str, str]) -> list[str]:
    """Count indicators carry the measure word their texts put after a number."""
    problems = []
    sources = {"zh-Hans": texts["zh-Hans"], "zh-Hant": texts["zh-Hant"], "ja": texts["ja"]}
    sources["ko"] = korean_part(texts)
    for ind in plan.indicators:
        if ind.unit != "count":
            continue
        if ind.counter is None or ind.counter.missing_languages():
            problems.append(f"{ind.id}: counter missing in some language")
            continue
        for lang, source in sources.items():
            word = text_of(ind.counter, lang) or ""
            if word in NOT_COUNTED_IN_TEXTS:
                continue
            if not re.search(r"[0-9千百万]\s*" + re.escape(word), source):
                problems.append(f"{ind.id}.counter.{lang}: the text never counts with {word!r}")
    return problems


def plan_texts(plan: Plan, lang: str) -> list[tuple[str, str]]:
    return [(w, t) for w, lab in all_labels(plan) if (t := text_of(lab, lang))]


# -- tests -----------------------------------------------------------------------------


def test_terms_occur_at_their_offsets(terms: dict[str, Any], texts: dict[str, str]) -> None:
    assert offset_problems(terms, texts) == []


def test_every_element_and_language_is_listed(terms: dict[str, Any]) -> None:
    for kind, element_id, lang, rec in entries(terms):
        assert lang in LANGS, (kind, element_id, lang)
        assert rec["source"] in ("text", "converted"), (kind, element_id, lang)
    for kind, elements in terms.items():
        for element_id, by_lang in elements.items():
            assert set(by_lang) == set(LANGS), (kind, element_id)


def test_labels_contain_the_terms(plan: Plan, terms: dict[str, Any]) -> None:
    assert label_problems(plan, terms) == []


def test_no_taiwan_vocabulary_in_traditional_chinese(plan: Plan) -> None:
    hant = plan_texts(plan, "zh-Hant") + [(f"zh_Hant.po {i!r}", s) for i, s in catalogue("zh_Hant")]
    assert taiwan_problems(hant) == []


def test_hong_kong_text_uses_the_mainland_terms(texts: dict[str, str]) -> None:
    """The deny-list rests on the Hong Kong text: it writes the mainland form listed."""
    for pattern, _, evidence in TAIWAN_TERMS:
        if evidence is not None:
            assert evidence in texts["zh-Hant"], pattern
            assert not re.search(pattern, evidence), pattern


def test_japanese_and_korean_use_their_own_characters(plan: Plan, texts: dict[str, str]) -> None:
    ja = plan_texts(plan, "ja") + [(f"ja.po {i!r}", s) for i, s in catalogue("ja")]
    ko = plan_texts(plan, "ko") + [(f"ko.po {i!r}", s) for i, s in catalogue("ko")]
    assert foreign_character_problems(ja, ko, texts) == []


def test_definitions_quote_the_footnotes(plan: Plan, texts: dict[str, str]) -> None:
    assert definition_problems(plan, texts) == []
    assert sum(1 for i in plan.indicators if i.definition is not None) >= 5


def test_count_indicators_have_measure_words(plan: Plan, texts: dict[str, str]) -> None:
    assert counter_problems(plan, texts) == []


def test_checks_detect_broken_definitions_and_counters(plan: Plan, texts: dict[str, str]) -> None:
    indicators = []
    for ind in plan.indicators:
        if ind.id == "cnc_ratio":
            ind = ind.model_copy(update={"definition": None})
        elif ind.id == "broadband_penetration" and ind.definition is not None:
            wrong = ind.definition.model_copy(update={"ja": "ブロードバンド普及率は世帯普及率。"})
            ind = ind.model_copy(update={"definition": wrong})
        elif ind.id == "green_parks_cum" and ind.counter is not None:
            ind = ind.model_copy(update={"counter": ind.counter.model_copy(update={"ja": "か所"})})
        indicators.append(ind)
    broken = plan.model_copy(update={"indicators": indicators})
    problems = definition_problems(broken, texts)
    assert any(p.startswith("cnc_ratio: no definition") for p in problems)
    assert any("broadband_penetration.definition.ja" in p for p in problems)
    assert not counter_problems(broken, texts)  # か所 is counted in the ja text
    indicators = [
        i.model_copy(update={"counter": i.counter.model_copy(update={"ko": "대"})})
        if i.counter is not None
        else i
        for i in plan.indicators
    ]
    problems = counter_problems(plan.model_copy(update={"indicators": indicators}), texts)
    assert any(".counter.ko" in p for p in problems)


def test_checks_detect_broken_terms_and_labels(
    plan: Plan, terms: dict[str, Any], texts: dict[str, str]
) -> None:
    # (a) an offset one character off, a converted term that the Hong Kong text has
    broken = {kind: {i: dict(v) for i, v in els.items()} for kind, els in terms.items()}
    sector = dict(broken["sectors"]["sector_next_gen_it"])
    sector["ja"] = {**sector["ja"], "offset": sector["ja"]["offset"] + 1}
    sector["zh-Hant"] = {
        "term": "新一代信息技術產業",
        "source": "converted",
        "converted_from": sector["zh-Hans"]["term"],
    }
    broken["sectors"]["sector_next_gen_it"] = sector
    problems = offset_problems(broken, texts)
    assert any("sector_next_gen_it.ja" in p and "not at" in p for p in problems)
    assert any("occurs in the Hong Kong text" in p for p in problems)

    # (b) and (c): the old Taiwan and Korean labels
    project = plan.projects[4]
    sectors = list(plan.sectors)
    sectors[0] = sectors[0].model_copy(
        update={
            "labels": sectors[0].labels.model_copy(
                update={"zh_Hant": "新一代資訊科技產業", "ja": "次世代情報技術"}
            )
        }
    )
    sectors[3] = sectors[3].model_copy(
        update={"labels": sectors[3].labels.model_copy(update={"ko": "해양플랜트 장비 및 고기술 선박"})}
    )
    projects = [
        *plan.projects[:4],
        project.model_copy(
            update={"labels": project.labels.model_copy(update={"zh_Hant": "高階裝備創新工程"})}
        ),
    ]
    broken_plan = plan.model_copy(update={"sectors": sectors, "projects": projects})
    problems = label_problems(broken_plan, terms)
    assert any("sector_next_gen_it.zh-Hant" in p for p in problems)
    assert any("sector_next_gen_it.ja" in p for p in problems)
    assert any("sector_marine_equipment_ships.ko" in p for p in problems)
    assert any("high_end_equipment.zh-Hant" in p for p in problems)
    taiwan = taiwan_problems([*plan_texts(broken_plan, "zh-Hant"), ("po", "品質效益")])
    assert any("資訊" in p for p in taiwan)
    assert any("高階" in p for p in taiwan)
    assert any(p.startswith("po:") for p in taiwan)
    assert taiwan_problems([("ok", "追求卓越品質"), ("ok", "智慧決策"), ("ok", "產品質量")]) == []

    # (d) a simplified form in Japanese, a Chinese character the Korean text lacks
    foreign = foreign_character_problems(
        [("ja", "製造业の発展")], [("ko", "제조업(制造业) 발전"), ("ko", "4기(四基)")], texts
    )
    assert any("业" in p and "(ja)" in p for p in foreign)
    assert any("制" in p and "(ko)" in p for p in foreign)
    assert not any("四基" in p for p in foreign)
