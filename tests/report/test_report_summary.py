"""The summary's dashboard, verdict lists and gaps agree with the counts and speak the language."""

from __future__ import annotations

import re

import pytest

from mic2025.plan.model import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_count_what_the_counts_table_counts(models: dict, lang: str) -> None:
    model = models[lang]
    counts = {c["status"].code: c["headline"] for c in model.counts}
    by_status = {lst.status.code: len(lst.items) for lst in model.lists if "rovisional" not in lst.title}
    for code in ("achieved", "not_achieved", "not_yet_known"):
        assert by_status[code] == counts[code], (lang, code)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dashboard_has_every_counted_target_once(models: dict, lang: str) -> None:
    model = models[lang]
    rows = [r for g in model.dashboard for r in g.rows]
    assert len(rows) == len({r.target_id for r in rows}) == sum(c["headline"] for c in model.counts)
    shown = {}
    for r in rows:
        shown[r.status.code] = shown.get(r.status.code, 0) + 1
    assert shown == {c["status"].code: c["headline"] for c in model.counts if c["headline"]}


def test_not_achieved_line_explains_with_the_figure(models: dict) -> None:
    # energy intensity 2020: 84 against 82 from a base of 100 — 16 / 18 of the way
    lst = next(x for x in models["en"].lists if x.status.code == "not_achieved")
    assert any("Energy use" in item and "89% of the way" in item for item in lst.items)
    zh = next(x for x in models["zh-Hans"].lists if x.status.code == "not_achieved")
    assert all("of the way" not in item and "未实现" in item for item in zh.items)


@pytest.mark.parametrize(
    ("lang", "points"),
    [("en", "percentage points"), ("zh-Hans", "个百分点"), ("ja", "ポイント"), ("ko", "%p")],
)
def test_gaps_of_percentages_are_in_points(models: dict, lang: str, points: str) -> None:
    gaps = models[lang].gaps
    assert gaps
    # digital design tools 2025: target 84 %, 74.7 % in 2021: gap 84 - 74.7 = 9.3 points
    tools = next(g for g in gaps if "74.7" in g)
    assert re.search(r"9\.3\s?" + re.escape(points), tools)
    # R&D intensity 2025 rests on "more than 1.6 %" (2024): a bound gives no gap to print
    assert not any("1.68" in g for g in gaps)
    assert not any("()" in g for g in gaps)  # every gap rests on a figure and its period
