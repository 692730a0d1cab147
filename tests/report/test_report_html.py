"""HTML reports: every language renders, one self-contained file, deterministic."""

from __future__ import annotations

import dataclasses
import re
from html import escape

import pytest

from mic2025.plan.model import LANGUAGES
from mic2025.report import build_report, charts, render_html
from mic2025.report.context import Formatter


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_renders_html(htmls: dict[str, str], models: dict, lang: str, monitor) -> None:
    html = htmls[lang]
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in html
    assert html.count("<svg") == len(models[lang].indicators) + 1  # one per indicator + counts
    for ind in monitor.plan.key_indicators():
        assert escape(ind.labels.get(lang)) in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_makes_no_external_request(htmls: dict[str, str], lang: str) -> None:
    html = htmls[lang]
    # every src/href is an in-page anchor; no stylesheet, script, image, font or import
    refs = re.findall(r'\b(?:src|href|xlink:href)="([^"]*)"', html)
    assert refs and all(r.startswith("#") for r in refs), [r for r in refs if not r.startswith("#")]
    for banned in ("<link", "<script", "<img", "<iframe", "@import", "@font-face", "url(http"):
        assert banned not in html


def test_same_inputs_give_same_html(monitor, htmls: dict[str, str]) -> None:
    charts._svg_from_json.cache_clear()  # re-render every chart, not just reuse the cache
    again = build_report(monitor, "ko", "html")
    assert again == htmls["ko"]


def test_generated_date_only_when_given(models: dict, htmls: dict[str, str]) -> None:
    html = render_html(dataclasses.replace(models["en"], generated="2026-01-31"))
    assert "Report date" in html and "2026-01-31" in html
    assert "Report date" not in htmls["en"]


def test_figures_and_sources_are_in_the_tables(htmls: dict[str, str], monitor) -> None:
    obs = monitor.observations(indicator="broadband_penetration")
    for lang in LANGUAGES:
        fmt = Formatter(lang)
        for r in obs.itertuples():
            assert f'<td class="n">{fmt.num(r.value)}' in htmls[lang]  # the value, then its unit
            assert f'href="#src-{r.source}"' in htmls[lang]  # linked to its row in the annex
            assert f'id="src-{r.source}"' in htmls[lang]
            assert f">{r.source}<" not in htmls[lang]  # the internal id is never shown


def test_status_is_shown_by_word_and_symbol(htmls: dict[str, str]) -> None:
    badge = r'<span class="status st-(\w+)"[^>]*><span class="sym"[^>]*>(.)</span> ([^<]+)</span>'
    badges = re.findall(badge, htmls["ja"])
    assert {b[0] for b in badges} >= {"achieved", "on_track", "insufficient_data"}
    assert ("achieved", "✔", "達成") in badges


def test_project_and_sector_sections_list_missing_data(models: dict) -> None:
    model = models["en"]
    assert [p.number for p in model.projects] == [1, 2, 3, 4, 5]
    assert len(model.sector_matrix.rows) == 10
    smart = next(p for p in model.projects if p.id == "smart_manufacturing")
    assert smart.available and smart.missing
    assert any("Operating cost" in m or "operating cost" in m for m in smart.missing)
    # the bundled data hold no sector breakdown: one matrix of twelve key indicators says so
    assert len(model.sector_matrix.columns) == 12
    for row in model.sector_matrix.rows:
        assert row.cells == ["–"] * 12 and row.n_figures == 0


def test_milestone_limits_targets(monitor) -> None:
    from mic2025.report import gather

    model = gather(monitor, "en", milestone=2020)
    assert model.scorecard and all("2020" in row.target for row in model.scorecard)
    assert "Mid-term" in render_html(model)


def test_as_of_hides_later_vintages(monitor) -> None:
    from mic2025.report import gather

    model = gather(monitor, "en", as_of="2017-01-01")
    broadband = next(s for s in model.indicators if s.id == "broadband_penetration")
    assert broadband.figures and all(f.vintage <= "2017-01-01" for f in broadband.figures)
    assert model.as_of == "2017-01-01"
