"""The labelled sets load, every gold quote is found, and scores do not regress."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extract.conftest import GOLD
from mic2025.extract.score import locate, main, score_document, score_heldout

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "name",
    [
        "strategy-zh-Hans",
        "strategy-ja",
        "strategy-ko",
        "strategy-ko-zh-copy",
        "strategy-zh-Hant",
        "strategy-en",
    ],
)
def test_strategy_scores(name: str) -> None:
    score = score_document(GOLD / f"{name}.toml", ROOT)
    assert score.precision >= 0.9 and score.recall >= 0.85


def test_gold_items_have_provenance() -> None:
    for path in GOLD.glob("strategy-*.toml"):
        gold = tomllib.loads(path.read_text(encoding="utf-8"))
        assert gold["document"].startswith("data/strategy/") and gold["notes"]
        for item in gold["items"]:
            assert {"element", "indicator", "value", "year", "kind", "comparator", "quote", "lang"} <= set(
                item
            )
    held = tomllib.loads((GOLD / "heldout.toml").read_text(encoding="utf-8"))
    assert all(case["source"].startswith("http") for case in held["cases"])


def test_heldout_runs_and_is_reported_per_language() -> None:
    scores = score_heldout(GOLD / "heldout.toml")
    assert set(scores) == {"en", "ja", "ko", "zh-Hans", "zh-Hant"}


def test_locate_ignores_whitespace_and_width() -> None:
    assert locate("对 2015 年下降\n\n１８％", "下降18%") == (8, 15)


def test_command(capsys) -> None:
    assert main(["--gold", str(GOLD), "--root", str(ROOT)]) == 0
    assert "strategy-zh-Hans" in capsys.readouterr().out
