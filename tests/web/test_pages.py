"""Dashboard pages: five languages, plan labels from the plan, nothing loaded from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from mic2025.evaluate.status import status_label
from mic2025.plan import default_plan
from mic2025.plan.model import LANGUAGES

PLAN = default_plan()
PAGES = ("/", "/indicator/broadband_penetration", "/indicator/energy_intensity", "/sources", "/about")


class Resources(HTMLParser):
    """Collects every src= and href= value, and the <html lang>."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if tag == "html" and name == "lang":
                self.lang = value
            if name in ("src", "href", "srcset", "action", "poster", "data") or name.endswith(":href"):
                self.urls.append((tag, name, value or ""))


def parse(html: str) -> Resources:
    found = Resources()
    found.feed(html)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_local_and_in_its_language(reader: TestClient, path: str, lang: str) -> None:
    r = reader.get(path, params={"lang": lang})
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]
    found = parse(r.text)
    assert found.lang == lang
    external = [u for u in found.urls if re.match(r"^\s*(https?:)?//", u[2], re.I)]
    assert external == [], external
    assert "url(http" not in r.text and "@import" not in r.text
    # the language switcher offers every language, each named in itself
    for code in LANGUAGES:
        assert f'hreflang="{code}"' in r.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_shows_plan_labels_and_statuses(reader: TestClient, lang: str) -> None:
    html = reader.get("/", params={"lang": lang}).text
    assert escape(PLAN.title.get(lang)) in html
    for ind in PLAN.key_indicators()[:4]:
        assert escape(ind.labels.get(lang)) in html
    for step in PLAN.steps:
        assert escape(step.labels.get(lang)) in html
    # status by word and symbol
    assert f"✔</span> {status_label('achieved', lang)}" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_indicator_page(reader: TestClient, lang: str) -> None:
    ind = PLAN.indicator("broadband_penetration")
    html = reader.get("/indicator/broadband_penetration", params={"lang": lang}).text
    assert escape(ind.labels.get(lang)) in html
    assert "<svg" in html  # the shared chart spec, rendered on the server
    assert "cctv_2017_07_25_miit_broadband" in html and "2017-07-25" in html  # source and vintage
    assert html.count('<table class="methods">') == len(ind.targets)


def test_as_of_on_pages(reader: TestClient) -> None:
    now = reader.get("/indicator/broadband_penetration").text
    then = reader.get("/indicator/broadband_penetration", params={"as_of": "2017-01-01"}).text
    assert "xiao_yaqing_2020_10_article" in now and "xiao_yaqing_2020_10_article" not in then
    assert 'value="2017-01-01"' in then
    # links keep the cut-off, so the reader stays in the past while browsing
    assert 'href="/sources?lang=en&amp;as_of=2017-01-01"' in then


def test_every_vintage_view(reader: TestClient) -> None:
    html = reader.get("/indicator/broadband_penetration", params={"all_vintages": "true"}).text
    assert "Show only the figures in force" in html


def test_sources_page_lists_every_source(reader: TestClient) -> None:
    html = reader.get("/sources").text
    for source in reader.get("/api/sources").json():
        assert f'id="src-{source["id"]}"' in html


def test_errors_are_pages(reader: TestClient) -> None:
    r = reader.get("/indicator/no_such_indicator", params={"lang": "ja"})
    assert r.status_code == 404 and '<html lang="ja">' in r.text
    assert reader.get("/", params={"lang": "fr"}).status_code == 400
    assert reader.get("/", params={"as_of": "soon"}).status_code == 400
    assert reader.get("/", params={"milestone": "2030"}).status_code == 400


def test_milestone_filter(reader: TestClient) -> None:
    def scorecard(html: str) -> str:
        return html.split('id="card-h"')[1].split("</section>")[0]

    card = scorecard(reader.get("/", params={"milestone": "2025"}).text)
    assert "by 2025" in card and "by 2020" not in card
    assert "by 2020" in scorecard(reader.get("/").text)


def test_static_css(reader: TestClient) -> None:
    r = reader.get("/static/style.css")
    assert r.status_code == 200 and "http" not in r.text
