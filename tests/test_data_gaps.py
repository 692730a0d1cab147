"""The data-gap register as the product reads it: every row known, words for every reason."""

from __future__ import annotations

import pytest

from mic2025 import data_gaps as module
from mic2025.data_gaps import data_gaps
from mic2025.i18n import translator
from mic2025.plan import default_plan
from mic2025.vocabulary import GAP_REASONS


def test_every_gap_names_plan_targets_of_its_indicator() -> None:
    plan = default_plan()
    targets = {t.id: t for t in plan.targets()}
    gaps = data_gaps()
    assert len(gaps) == 14
    for gap in gaps:
        assert gap.targets, gap
        assert all(targets[t].metric == gap.indicator for t in gap.targets)


def test_energy_intensity_is_a_gap_of_changes_only() -> None:
    (energy,) = [g for g in data_gaps() if g.indicator == "energy_intensity"]
    assert energy.reason == "changes_only" and energy.periods_missing == "2021-2025"
    assert energy.targets == ("energy_intensity_2020", "energy_intensity_2025")


def test_other_areas_and_other_plans_get_only_their_own() -> None:
    assert data_gaps(area="CN-GD") == []
    assert [g.indicator for g in data_gaps(indicators={"co2_intensity", "not_there"})] == ["co2_intensity"]


def test_every_reason_has_words_in_every_language() -> None:
    for lang in ("zh-Hans", "zh-Hant", "ja", "ko"):
        _ = translator(lang)
        for code, words in GAP_REASONS.items():
            assert _(words) != words, (lang, code)


def test_an_unknown_reason_is_refused_with_row_and_column(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "gaps.csv"
    bad.write_text(
        "indicator,target,area,periods_missing,reason,searched,finding,checked\n"
        "co2_intensity,co2_intensity_2020,CN,2016-2025,lost,x,y.,2026-12-02\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "data_dir", lambda: tmp_path)
    module._register.cache_clear()
    try:
        with pytest.raises(ValueError, match="row 2, column reason: unknown reason 'lost'"):
            data_gaps()
    finally:
        module._register.cache_clear()
