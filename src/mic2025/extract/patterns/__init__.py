"""Per-language word lists for target extraction, merged into one set of patterns.

Each language module states, in its own words, how a plan says "at least", "about",
"reduce", "raise", "of which", "respectively", and which counters and currencies follow
a number.  The finder uses the union of all five (documents mix languages: the Korean
seed text carries the Chinese original after the translation), and the language of a
sentence only decides which label field a phrase goes into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mic2025.plan.model import Comparator


@dataclass(frozen=True)
class Lexicon:
    """How one language writes the parts of a quantified target."""

    lang: str
    prefix_comparators: dict[str, Comparator] = field(default_factory=dict)
    suffix_comparators: dict[str, Comparator] = field(default_factory=dict)
    percent: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    tenths: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()
    currencies: dict[str, str] = field(default_factory=dict)
    decrease: tuple[str, ...] = ()
    increase: tuple[str, ...] = ()
    level_before: tuple[str, ...] = ()
    level_after: tuple[str, ...] = ()
    share_after: tuple[str, ...] = ()
    growth: tuple[str, ...] = ()
    respectively: tuple[str, ...] = ()
    baseline_after: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()
    header: tuple[str, ...] = ()


def _languages() -> list[Lexicon]:
    from mic2025.extract.patterns import en, ja, ko, zh

    return [zh.LEXICON, ja.LEXICON, ko.LEXICON, en.LEXICON]


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so ``以上`` beats ``以``."""
    unique = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique) if unique else r"(?!x)x"


@dataclass(frozen=True)
class Merged:
    """All languages' words, as dictionaries and compiled alternations."""

    prefix: dict[str, Comparator]
    suffix: dict[str, Comparator]
    currencies: dict[str, str]
    words: dict[str, tuple[str, ...]]

    def any_of(self, name: str) -> str:
        return alternation(self.words[name])


@lru_cache(maxsize=1)
def merged() -> Merged:
    """The union of every language's lexicon."""
    prefix: dict[str, Comparator] = {}
    suffix: dict[str, Comparator] = {}
    currencies: dict[str, str] = {}
    words: dict[str, list[str]] = {}
    names = [
        "percent",
        "points",
        "tenths",
        "counters",
        "decrease",
        "increase",
        "level_before",
        "level_after",
        "share_after",
        "growth",
        "respectively",
        "baseline_after",
        "past",
        "particles",
        "conjunctions",
        "header",
    ]
    for lex in _languages():
        prefix.update(lex.prefix_comparators)
        suffix.update(lex.suffix_comparators)
        currencies.update(lex.currencies)
        for name in names:
            words.setdefault(name, []).extend(getattr(lex, name))
    return Merged(prefix, suffix, currencies, {k: tuple(v) for k, v in words.items()})
