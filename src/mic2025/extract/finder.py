"""Find quantified targets in running text, sentence by sentence.

For every quantity of a sentence the finder decides, in this order: whether it is the
baseline of another quantity (``from 16 % to 25 %``, ``16兆円(2011)⇒26兆円(2020)``,
``73%(2012年68%)``); which year it is due (a year bound to it, else the deadline before it
— in English, after it — else the year of a list heading such as ``2025年的主要目标是：``);
what kind of target it is (level, change from a base year, percentage-point change,
average growth over a period, count, share); and what it measures.  A quantity with no
future year is not a target: that is how past achievements and definitions stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mic2025.extract.candidate import Candidate
from mic2025.extract.language import detect_language
from mic2025.extract.patterns import alternation, merged
from mic2025.extract.phrases import clause_bounds, indicator_phrase
from mic2025.extract.quantities import Quantity, find_quantities
from mic2025.extract.textview import Sentence, View
from mic2025.extract.years import YearMention, find_years
from mic2025.plan.model import TargetKind

_FROM_TO = re.compile(
    r"^\s*(?:[(（][^()（）]{0,14}[)）])?\s*(?:⇒|→|->|➡|⟶|から|에서|"
    r"(?:提高|提升|增长|增長|增加|上升|降低|下降|减少|減少|扩大|擴大|降|增)?\s*(?:到|至)|to)\s*$",
    re.I,
)
_PAREN_BASE = re.compile(
    r"^\s*[(（]\s*(?:現状|现状|現在|目前|현재|current(?:ly)?:?|now|(?:19|20)\d{2}\s*(?:年度?|년)?"
    r"|FY\s?\d{4})?\s*[:：]?\s*$",
    re.I,
)
_BASE_BEFORE = re.compile(r"(?:比|较|較|compared with|than)\s*(?:(?:19|20)\d{2}\s*年(?:末|底)?\s*的?)?\s*$")
_VALUE_ADDED = re.compile(r"[值値치]")  # 增加值, 増加値, 증가치: "value added", not "increase"
_HEADER_END = re.compile(r"[:：]\s*$")


@dataclass(frozen=True)
class Context:
    """What the finder knows about the document: its year and a forced language."""

    doc_year: int | None
    lang: str = "auto"


def _acceptable(year: YearMention, doc_year: int | None) -> bool:
    if year.role not in ("deadline", "plain", "period"):
        return False
    if doc_year is None or year.role == "period":
        return True
    return year.year >= doc_year if year.role == "deadline" else year.year > doc_year


def _bound_year(q: Quantity, years: list[YearMention], text: str) -> YearMention | None:
    """A year written right at the quantity: ``16兆円(2011)``, ``2014年的1.17%``, ``('20) 19,500``."""
    for y in years:
        if y.role not in ("plain", "deadline"):
            continue
        if y.end <= q.start and re.fullmatch(r"\s*[的の의]?\s*[)）]?\s*", text[y.end : q.start]):
            return y
        gap = text[q.end : y.start]
        closed = text[y.end - 1 : y.end] in ")）" or re.match(r"\s*[)）]", text[y.end : y.end + 3])
        if y.start >= q.end and re.fullmatch(r"\s*[(（]?\s*", gap) and closed:
            return y
    return None


def _target_year(
    q: Quantity, qs: list[Quantity], years: list[YearMention], text: str, lang: str, doc_year: int | None
) -> YearMention | None:
    bound = _bound_year(q, years, text)
    if bound is not None:
        return bound if _acceptable(bound, doc_year) else None
    usable = [y for y in years if _acceptable(y, doc_year)]
    before = [y for y in usable if y.end <= q.start]
    after = [
        y for y in usable if y.start >= q.end and not any(q.end <= o.start and o.end <= y.start for o in qs)
    ]
    if lang == "en":
        return after[0] if after else (before[-1] if before else None)
    return before[-1] if before else None


def _baselines(qs: list[Quantity], text: str) -> dict[int, int]:
    """Which quantity (value) is the baseline of which (key), by index."""
    pairs: dict[int, int] = {}
    for i in range(len(qs) - 1):
        a, b = qs[i], qs[i + 1]
        if a.unit_kind != b.unit_kind:
            continue
        between = text[a.end : b.start]
        if _FROM_TO.match(between):
            pairs[i + 1] = i
        elif _PAREN_BASE.match(between) or _BASE_BEFORE.search(text[: b.start]):
            pairs[i] = i + 1
    return pairs


def _verb_sign(before: str, after: str, lang: str) -> int | None:
    """+1 or -1 for the increase or decrease verb that governs the quantity, None if none.

    Chinese and English put the verb before the number (降低30%, reduce … by 30%);
    Japanese and Korean after it (30％引き下げる, 30% 줄이고), possibly after a list of
    quantities that share it (…30％、…30％それぞれ引き下げる).
    """
    m = merged()
    down, up = alternation(m.words["decrease"]), alternation(m.words["increase"])
    pattern = re.compile(rf"(?<![A-Za-z])(?:(?P<down>{down})|(?P<up>{up}))(?![A-Za-z])", re.I)
    hits_after = [h for h in pattern.finditer(after) if not _VALUE_ADDED.match(after, h.end())]
    hits_before = [h for h in pattern.finditer(before) if not _VALUE_ADDED.match(before, h.end())]
    first_after = hits_after[0] if hits_after else None
    last_before = hits_before[-1] if hits_before else None
    found = (first_after or last_before) if lang in ("ja", "ko") else (last_before or first_after)
    if found is None:
        return None
    return -1 if found.group("down") else 1


def target_kind(q: Quantity, text: str, lang: str) -> tuple[TargetKind, int]:
    """The target kind and the sign of the value (-1 for a decrease)."""
    m = merged()
    left, right = clause_bounds(text, q.start, q.end, lang)
    before, after = text[left : q.start], text[q.end : right]
    sign = _verb_sign(before, text[q.end :] if lang in ("ja", "ko") else after, lang)
    growth = alternation(m.words["growth"])
    if q.unit_kind == "points":
        return "pp_change", sign or 1
    if re.search(growth, before[-14:], re.I) or re.search(growth, after[:14], re.I):
        return "average_annual_growth", 1
    if q.unit_kind != "percent":
        return ("count" if q.unit_kind == "count" else "level"), 1
    share = re.match(rf"\s*(?:{alternation(m.words['share_after'])})(?![A-Za-z])", after, re.I)
    if share and sign is None:
        return "share", 1
    level_before = re.search(rf"(?<![A-Za-z])(?:{alternation(m.words['level_before'])})\s*$", before, re.I)
    level_after = re.match(r"\s*(?:[(（][^()（）]*[)）])?\s*(?:に|へ|으로|로)(?!\s*(?:比|대비))", after)
    if sign is not None and not level_before and not level_after:
        return "change_from_base", sign
    return "level", 1


def stated_base_year(q: Quantity, years: list[YearMention], text: str, lang: str) -> int | None:
    """The base year stated in the quantity's clause (比2015年, 2015년 대비, from 2015)."""
    left, right = clause_bounds(text, q.start, q.end, lang)
    bases = [y for y in years if y.role == "base" and left <= y.start < right]
    if not bases:
        bases = [y for y in years if y.role == "base" and y.end <= q.start]
    if not bases:
        return None
    return min(bases, key=lambda y: min(abs(y.end - q.start), abs(y.start - q.end))).year


def _period(q: Quantity, years: list[YearMention], due: YearMention) -> int | None:
    if due.period_start is not None:
        return due.period_start
    periods = [y for y in years if y.role == "period" and y.year == due.year]
    return periods[0].period_start if periods else None


def _fill_years(
    c: Candidate, q: Quantity, years: list[YearMention], text: str, due: YearMention, doc_year: int | None
) -> None:
    """Base year and plan period for kinds that need them; assumptions go to notes."""
    if c.kind in ("change_from_base", "pp_change"):
        c.base_year = stated_base_year(q, years, text, c.lang)
        if c.base_year is None:
            c.base_year = doc_year if doc_year is not None else c.year - 5
            c.notes.append(f"base year not stated; {c.base_year} assumed")
    if c.kind == "average_annual_growth":
        c.period_start = _period(q, years, due)
        if c.period_start is None:
            c.period_start = doc_year + 1 if doc_year is not None else c.year - 4
            c.notes.append(f"plan period not stated; {c.period_start}-{c.year} assumed")


def _candidate(
    view: View,
    sentence: Sentence,
    q: Quantity,
    due: YearMention,
    years: list[YearMention],
    lang: str,
    doc_year: int | None,
) -> Candidate:
    text = sentence.text
    kind, sign = target_kind(q, text, lang)
    noun_follows = kind in ("count", "share")
    phrase = indicator_phrase(text, q.start, q.end, lang, noun_follows=noun_follows)
    left, _ = clause_bounds(text, q.start, q.end, lang)
    quote, start, end = view.quote(sentence.start + left, sentence.start + q.end)
    value = q.value * sign if kind in ("change_from_base", "pp_change") else q.value
    candidate = Candidate(
        value=value,
        unit=q.unit,
        unit_kind=q.unit_kind,
        kind=kind,
        year=due.year,
        comparator=q.comparator,
        lang=lang,
        phrase=phrase,
        quote=quote.strip(),
        start=start,
        end=end,
        upper=q.upper,
    )
    if q.upper is not None:
        candidate.comparator = ">=" if candidate.comparator == "=" else candidate.comparator
        candidate.notes.append(f"range {q.value:g}-{q.upper:g} stated; lower bound kept")
    _fill_years(candidate, q, years, text, due, doc_year)
    return candidate


def _with_baseline(c: Candidate, base: Quantity, years: list[YearMention], text: str) -> None:
    c.baseline_value = base.value
    bound = _bound_year(base, years, text)
    based = [y for y in years if y.role == "base" and y.end <= base.start and base.start - y.end <= 4]
    c.baseline_year = bound.year if bound else (based[-1].year if based else None)


def _respectively(cands: list[Candidate], qs: list[Quantity], text: str) -> None:
    """``分别超过70%和50%``: later quantities of the list share the first one's comparator."""
    m = merged()
    if not re.search(alternation(m.words["respectively"]), text, re.I):
        return
    joiner = re.compile(rf"^\s*(?:{alternation(m.words['conjunctions'])})\s*$", re.I)
    for i in range(1, len(qs)):
        if (
            cands[i] is not None
            and cands[i - 1] is not None
            and joiner.match(text[qs[i - 1].end : qs[i].start])
        ):
            if cands[i].comparator == "=":
                cands[i].comparator = cands[i - 1].comparator
            cands[i].notes.append(
                "one of a list of targets stated together ('respectively'); check the phrase"
            )


def sentence_targets(
    view: View, sentence: Sentence, years: list[YearMention], ctx: Context, header: YearMention | None
) -> list[Candidate]:
    """The targets of one sentence; ``header`` is the year of a preceding list heading."""
    text = sentence.text
    lang = ctx.lang if ctx.lang != "auto" else detect_language(text)
    qs = find_quantities(text, skip=[(y.start, y.end) for y in years])
    if not qs:
        return []
    past = re.search(alternation(merged().words["past"]), text)
    baselines = _baselines(qs, text)
    found: list[Candidate | None] = []
    for i, q in enumerate(qs):
        due = _target_year(q, qs, years, text, lang, ctx.doc_year)
        from_header = due is None and header is not None
        if i in baselines.values() or (due is None and header is None) or (past and due is None):
            found.append(None)
            continue
        c = _candidate(view, sentence, q, due or header, years, lang, ctx.doc_year)
        if from_header:
            c.notes.append(f"year {c.year} taken from the heading of a list of targets")
        if i in baselines:
            _with_baseline(c, qs[baselines[i]], years, text)
        found.append(c)
    _respectively(found, qs, text)
    return [c for c in found if c is not None]


def _sentence_years(all_years: list[YearMention], sentence: Sentence) -> list[YearMention]:
    return [
        YearMention(y.start - sentence.start, y.end - sentence.start, y.year, y.role, y.period_start)
        for y in all_years
        if sentence.start <= y.start and y.end <= sentence.end
    ]


def find_in_text(view: View, ctx: Context, *, skip: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Every target of the running text; ``skip`` holds document spans (tables) to leave out."""
    all_years = find_years(view.text)
    header: YearMention | None = None
    carried: YearMention | None = None
    found: list[Candidate] = []
    for sentence in view.sentences():
        a, b = view.span(sentence.start, sentence.end)
        if any(a < end and start < b for start, end in skip):
            carried = None
            continue
        years = _sentence_years(all_years, sentence)
        own = [y for y in years if _acceptable(y, ctx.doc_year)]
        if own and _HEADER_END.search(sentence.text):
            header, carried = own[-1], None
            continue
        if own:
            header = None
        targets = sentence_targets(view, sentence, years, ctx, header or carried)
        if carried is not None and header is None:
            for c in targets:
                if c.notes and c.notes[-1].startswith(f"year {c.year} taken from the heading"):
                    c.notes[-1] = f"year {c.year} carried from the previous sentence"
        found.extend(targets)
        paragraph_ends = view.text[sentence.end - 1 : sentence.end] == "\n"
        carried = None if paragraph_ends else (own[-1] if own and targets else carried)
    return found
