"""Precision and recall of extraction against labelled sets: ``python -m mic2025.extract.score``.

A labelled set (``tests/extract/gold/*.toml``) lists, for one document, every target a
person reads in it: value, year, kind, comparator, the indicator of the built-in plan and
the quote as it appears in the text (located whitespace- and width-insensitively, after
an optional anchor, inside an optional scope).  An extracted target *detects* a gold item
when value and year agree and its quote overlaps the item's; it is *exact* when, in
addition, kind, comparator and linked indicator agree.  Held-out cases
(``heldout.toml``) are short passages of other plans, with their source address.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mic2025.extract.candidate import Candidate
from mic2025.extract.linking import VALUE_BONUS, link
from mic2025.extract.numerals import fold
from mic2025.extract.pipeline import extract_text
from mic2025.plan.loader import default_plan


def locate(text: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """Span of ``quote`` in ``text`` from ``start``, ignoring whitespace and full-width forms."""
    chars = [c for c in fold(quote) if not c.isspace()]
    pattern = r"\s*".join(re.escape(c) for c in chars)
    match = re.compile(pattern).search(fold(text), start)
    return match.span() if match else None


@dataclass
class Score:
    """Counts for one document or case set."""

    name: str
    gold: int = 0
    predicted: int = 0
    detected: int = 0
    exact: int = 0
    correct_predictions: int = 0

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.detected / self.gold if self.gold else 1.0

    @property
    def exact_recall(self) -> float:
        return self.exact / self.gold if self.gold else 1.0


def _gold_spans(text: str, items: list[dict[str, Any]], scope: tuple[int, int]) -> list[tuple[int, int]]:
    spans = []
    for item in items:
        start = scope[0]
        if item.get("after"):
            anchor = locate(text, item["after"], start)
            if anchor is None:
                raise ValueError(f"anchor {item['after']!r} not found")
            start = anchor[1]
        span = locate(text, item["quote"], start)
        if span is None or span[1] > scope[1]:
            raise ValueError(f"quote {item['quote']!r} not found in scope")
        spans.append(span)
    return spans


def _matches(c: Candidate, item: dict[str, Any], span: tuple[int, int]) -> bool:
    return (
        abs(c.value - item["value"]) < 1e-9
        and c.year == item["year"]
        and c.start < span[1]
        and span[0] < c.end
    )


def _exact(c: Candidate, item: dict[str, Any]) -> bool:
    same_link = item.get("indicator") is None or c.indicator == item["indicator"]
    return c.kind == item["kind"] and c.comparator == item["comparator"] and same_link


def score_items(
    name: str, text: str, candidates: list[Candidate], items: list[dict[str, Any]], scope: tuple[int, int]
) -> Score:
    """Detected and exact matches between candidates inside ``scope`` and the gold items."""
    spans = _gold_spans(text, items, scope)
    inside = [c for c in candidates if scope[0] <= c.start < scope[1]]
    result = Score(name, gold=len(items), predicted=len(inside))
    for item, span in zip(items, spans, strict=True):
        hits = [c for c in inside if _matches(c, item, span)]
        result.detected += bool(hits)
        result.exact += any(_exact(c, item) for c in hits)
    result.correct_predictions = sum(
        any(_matches(c, item, span) for item, span in zip(items, spans, strict=True)) for c in inside
    )
    return result


def score_document(gold_file: Path, root: Path, *, value_bonus: float = VALUE_BONUS) -> Score:
    """Score the labelled set of one strategy text."""
    gold = tomllib.loads(gold_file.read_text(encoding="utf-8"))
    text = (root / gold["document"]).read_text(encoding="utf-8")
    scope_start = locate(text, gold["scope_start"])[0] if gold.get("scope_start") else 0
    scope_end = locate(text, gold["scope_end"])[0] if gold.get("scope_end") else len(text)
    extraction = extract_text(text)
    link(extraction.candidates, default_plan(), value_bonus=value_bonus)
    return score_items(gold_file.stem, text, extraction.candidates, gold["items"], (scope_start, scope_end))


def score_heldout(path: Path) -> dict[str, Score]:
    """Score the held-out cases, one score per language (no linking: other plans' indicators)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    scores: dict[str, Score] = {}
    for case in data["cases"]:
        extraction = extract_text(case["text"], doc_year=case.get("issued"))
        one = score_items(
            case["id"], case["text"], extraction.candidates, case["targets"], (0, len(case["text"]))
        )
        total = scores.setdefault(case["lang"], Score(f"heldout-{case['lang']}"))
        for name in ("gold", "predicted", "detected", "exact", "correct_predictions"):
            setattr(total, name, getattr(total, name) + getattr(one, name))
    return scores


def _table(scores: list[Score]) -> str:
    lines = [
        "| set | gold | extracted | precision | recall | exact recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        rates = f"{s.precision:.2f} | {s.recall:.2f} | {s.exact_recall:.2f}"
        lines.append(f"| {s.name} | {s.gold} | {s.predicted} | {rates} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold", type=Path, default=Path("tests/extract/gold"), help="folder of labelled sets"
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="folder the documents' paths start from")
    parser.add_argument(
        "--words-only", action="store_true", help="link phrases by their words alone (no value agreement)"
    )
    args = parser.parse_args(argv)
    bonus = 0.0 if args.words_only else VALUE_BONUS
    strategy = [
        score_document(f, args.root, value_bonus=bonus) for f in sorted(args.gold.glob("strategy-*.toml"))
    ]
    print("Strategy texts (rules developed on these):\n" + _table(strategy))
    heldout_file = args.gold / "heldout.toml"
    if heldout_file.exists():
        held = score_heldout(heldout_file)
        print("\nHeld-out passages of other plans:\n" + _table([held[k] for k in sorted(held)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
