"""Fixtures for extraction tests: the five strategy texts and an extractor of short passages."""

from __future__ import annotations

from pathlib import Path

import pytest

from mic2025.extract.candidate import Candidate
from mic2025.extract.pipeline import extract_text

STRATEGY = Path(__file__).resolve().parents[2] / "data" / "strategy"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def strategy_text():
    """The text of one language version of the strategy, read once per session."""
    cache: dict[str, str] = {}

    def read(lang: str) -> str:
        if lang not in cache:
            cache[lang] = (STRATEGY / f"{lang}.txt").read_text(encoding="utf-8")
        return cache[lang]

    return read


def targets(text: str, *, doc_year: int | None = 2015, lang: str = "auto") -> list[Candidate]:
    """The candidates of a short passage (a plan issued in ``doc_year`` by default)."""
    return extract_text(text, lang=lang, doc_year=doc_year).candidates


def values(text: str, **kwargs) -> list[tuple[float, int, str]]:
    """(value, year, comparator) of each candidate of a passage, in order."""
    return [(c.value, c.year, c.comparator) for c in targets(text, **kwargs)]
