"""The indicator phrase of a target: the words that say what the number measures.

Two shapes cover the five languages.  When the number comes first and counts or divides
something (``15 家…创新中心``, ``40%的核心基础零部件``, ``千社のグリーンモデル工場``,
``1000개의 녹색 시범공장``, ``40% of core basic components``), the phrase follows it.
Otherwise the phrase is the clause's subject before the number and its verb
(``运营成本降低 30%``, ``運営コストを 30％``, ``운영 비용을 30%``, ``reduce operating
costs by 30%``).  Phrases are for people and for linking to a known indicator; they
are never parsed further.
"""

from __future__ import annotations

import re

from mic2025.extract.patterns import alternation, merged

CLAUSE_DELIMITERS = {
    "zh-Hans": "，,；;：:。\n",
    "zh-Hant": "，,；;：:。\n",
    "ja": "、，,；;：:。\n",
    "ko": "，;；:：。\n",
    "en": ";；:：\n",
}
_LATIN_COMMA = re.compile(r",\s")
_KO_CLAUSE = re.compile(r",\s|(?<=[고며])\s|(?<=면서)\s")


def clause_bounds(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The clause of ``text`` around ``[start, end)``: from the previous delimiter to the next."""
    delimiters = CLAUSE_DELIMITERS.get(lang, CLAUSE_DELIMITERS["zh-Hans"])
    left = max((text.rfind(d, 0, start) for d in delimiters), default=-1) + 1
    rights = [i for i in (text.find(d, end) for d in delimiters) if i >= 0]
    right = min(rights) if rights else len(text)
    if lang in ("en", "ko"):  # ", " separates clauses; "1,000" does not
        pattern = _KO_CLAUSE if lang == "ko" else _LATIN_COMMA
        commas_left = [m.end() for m in pattern.finditer(text, 0, start)]
        left = max([left, *commas_left])
        comma_right = pattern.search(text, end)
        right = min(right, comma_right.start()) if comma_right else right
    return left, right


def _strip(phrase: str, lang: str) -> str:
    m = merged()
    verbs = alternation([*m.words["decrease"], *m.words["increase"], *m.words["level_before"]])
    comparators = alternation(list(m.prefix))
    year = r"(?:到|至|力争到|力爭到|by|in)?\s*(?:19|20)\d{2}\s*(?:年度?|년)?\s*(?:までに|까지|に)?"
    phrase = re.sub(rf"^\s*(?:{year}[，,、\s]*)+", "", phrase, flags=re.I)
    phrase = re.sub(r"^\s*(?:and|及び|および|및)\s+", "", phrase, flags=re.I)
    phrase = re.sub(
        r"(?:比|较|較|対|対比|compared with|from)\s*(?:19|20)\d{2}\s*年?(?:で|대비)?\s*$", "", phrase
    )
    phrase = re.sub(r"\s*(?:19|20)\d{2}\s*년\s*대비\s*$", "", phrase)
    for _ in range(3):
        phrase = re.sub(
            rf"(?:{comparators}|{verbs}|分别|分別|それぞれ|각각|by|to|at|respectively|of)\s*$",
            "",
            phrase.rstrip(),
            flags=re.I,
        )
        phrase = re.sub(r"[をがはにで을를이가은는에]\s*$", "", phrase.rstrip())
    if lang == "en":
        phrase = re.sub(
            rf"^\s*(?:(?:an?|the)\s+)?(?:{verbs}|achieve|strive to|focus on)\b\s*(?:in\s+)?(?:the\s+)?",
            "",
            phrase,
            flags=re.I,
        )
        phrase = re.sub(r"^\s*(?:and|to|the)\s+", "", phrase, flags=re.I)
        phrase = re.sub(rf"^(?:{verbs})\s+(?:the\s+)?", "", phrase, flags=re.I)
    return phrase.strip(" \t，,、;；:：()（）“”\"'")


def _following(text: str, end: int, right: int, lang: str) -> str:
    m = merged()
    tail = text[end:right]
    tail = re.sub(rf"^\s*(?:{alternation(m.words['share_after'])})\s*", "", tail, flags=re.I)
    joiners = alternation([c for c in m.words["conjunctions"] if c not in (",", "、")])
    stop = rf"(?:{joiners})\s*(?=\d|[一二两三四五六七八九十百千])"
    tail = re.split(stop, tail, maxsplit=1)[0]
    if lang == "ja":
        tail = re.split(r"(?<=[^\s])[をがはで](?=[^\s])", tail, maxsplit=1)[0]
    elif lang == "ko":
        tail = re.split(r"(?<=[^\s])(?:을|를)(?=\s)", tail, maxsplit=1)[0]
    elif lang == "en":
        tail = re.split(r"\s+(?:and|by|in|within|through|to|with)\s+", tail, maxsplit=1)[0]
    return tail.strip(" \t，,、;；:：“”\"'")


def indicator_phrase(text: str, start: int, end: int, lang: str, *, noun_follows: bool) -> str:
    """The words naming what the quantity at ``text[start:end]`` measures."""
    left, right = clause_bounds(text, start, end, lang)
    if noun_follows:
        phrase = _following(text, end, right, lang)
        if phrase:
            return phrase
    phrase = _strip(text[left:start], lang)
    if not phrase:
        phrase = _following(text, end, right, lang)
    return phrase or text[left:right].strip()
