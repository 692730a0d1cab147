"""Link an indicator phrase to a known indicator of a reference plan.

The same indicator is called ``宽带普及率``, ``ブロードバンド普及率``, ``브로드밴드 보급율``
and ``broadband penetration`` in the five versions of the strategy; linking each phrase to
the built-in plan's indicator id (whose labels exist in all five languages) is what lets
``plan diff`` match targets across languages.  Similarity is the mean of the Dice
coefficient and the phrase's containment in the label, over character bigrams (Chinese,
Japanese, Korean) or trigrams (English, robust to ``centre``/``center``).  A phrase
links only to an indicator whose unit fits the target's kind, and only above a threshold;
otherwise the indicator stays a draft with a slug id.
"""

from __future__ import annotations

import re

from mic2025.extract.candidate import Candidate
from mic2025.extract.language import LANGS
from mic2025.plan.model import Indicator, Plan

THRESHOLD = 0.45
"""Lowest score that links a phrase to an indicator (tuned on the strategy's texts)."""
VALUE_BONUS = 0.15
"""Added when the reference states the same value for the same year: agreement on the
figure is evidence that the phrase names that indicator (a version that changed the
figure must be linked by its words alone)."""

_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)
_PAREN = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*(?:年|년)?\s*=\s*100\s*[)）]")
_UNIT_FIT: dict[str, tuple[str, ...]] = {
    "count": ("count",),
    "share": ("share",),
    "level": ("share", "level"),
    "pp_change": ("share", "change"),
    "change_from_base": ("share", "level"),
    "average_annual_growth": ("change",),
}


def grams(text: str, lang: str) -> frozenset[str]:
    """Character n-grams of a phrase: bigrams for CJK, trigrams for English."""
    if lang == "en":
        words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
        joined = " ".join(words)
        return frozenset(joined[i : i + 3] for i in range(max(0, len(joined) - 2)))
    clean = _STRIP.sub("", _PAREN.sub("", text))
    return frozenset(clean) | frozenset(clean[i : i + 2] for i in range(max(0, len(clean) - 1)))


def similarity(phrase: frozenset[str], label: frozenset[str]) -> float:
    """Mean of Dice and of the phrase's containment in the label (0..1)."""
    if not phrase or not label:
        return 0.0
    shared = len(phrase & label)
    return 0.5 * (2 * shared / (len(phrase) + len(label))) + 0.5 * (shared / len(phrase))


class Linker:
    """A reference plan's indicators, ready to be compared with phrases."""

    def __init__(self, plan: Plan, *, value_bonus: float = VALUE_BONUS) -> None:
        self.plan = plan
        self.value_bonus = value_bonus
        self._cache: dict[str, list[tuple[Indicator, frozenset[str]]]] = {}

    def _labels(self, lang: str) -> list[tuple[Indicator, frozenset[str]]]:
        if lang not in self._cache:
            self._cache[lang] = [(ind, grams(ind.labels.get(lang), lang)) for ind in self.plan.indicators]
        return self._cache[lang]

    def best(self, candidate: Candidate) -> tuple[Indicator | None, float]:
        """The indicator the candidate's phrase names, with its score (None below threshold)."""
        lang = candidate.lang if candidate.lang in LANGS else "en"
        phrase = grams(candidate.phrase, lang)
        fits = _UNIT_FIT.get(candidate.kind, ())
        scored = []
        for ind, label in self._labels(lang):
            if self.plan.unit(ind.unit).kind not in fits:
                continue
            bonus = 0.05 if ind.proxy_of is None and ind.category != "context" else 0.0
            if _states(ind, candidate, self.plan):
                bonus += self.value_bonus
            scored.append((similarity(phrase, label) + bonus, ind))
        if not scored:
            return None, 0.0
        score, ind = max(scored, key=lambda pair: pair[0])
        return (ind, score) if score >= THRESHOLD else (None, score)


def _states(ind: Indicator, candidate: Candidate, plan: Plan) -> bool:
    """Whether the reference gives this indicator the candidate's value in its year."""
    return any(
        target.metric == ind.id
        and target.year == candidate.year
        and abs(abs(target.value) - abs(candidate.value)) < 1e-9
        for target, _owner in plan.iter_targets()
    )


def link(candidates: list[Candidate], reference: Plan | None, *, value_bonus: float = VALUE_BONUS) -> None:
    """Set ``indicator`` and ``link_score`` on every candidate (in place).

    Parameters
    ----------
    candidates:
        The targets found in a document.
    reference:
        The plan to link to; None leaves every candidate unlinked.
    value_bonus:
        Weight of value agreement with the reference (0 links by words alone).
    """
    if reference is None:
        return
    linker = Linker(reference, value_bonus=value_bonus)
    for candidate in candidates:
        ind, score = linker.best(candidate)
        candidate.link_score = round(score, 3)
        candidate.indicator = ind.id if ind is not None else None
