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


# -- words instead of codes, provinces, selectors, charts, sources ------------------------
class Text(HTMLParser):
    """The text a reader sees: every text node outside <script>, <style> and <title> of an svg."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def shown(html: str) -> list[str]:
    found = Text()
    found.feed(html)
    return found.parts


AREA_NAMES = {"en": "Guangdong", "zh-Hans": "广东省", "zh-Hant": "廣東省", "ja": "広東省", "ko": "광둥성"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/indicator/rd_intensity", "/area/CN-GD", "/sources", "/gaps"])
def test_no_codes_in_the_text(reader: TestClient, path: str, lang: str) -> None:
    html = reader.get(path, params={"lang": lang}).text
    text = shown(html)
    ids = {s["id"] for s in reader.get("/api/sources", params={"limit": 1000}).json()}
    codes = {"_T", "CN", "CN-GD", *ids}
    assert not [t for t in text if t in codes]
    assert not any(re.search(r"\)\s*\(\d{4}\)", t) for t in text), "unit and period in two brackets"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_province_page_names_the_province(reader: TestClient, lang: str) -> None:
    r = reader.get("/", params={"area": "CN-GD", "lang": lang}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/area/CN-GD?lang={lang}"
    html = reader.get("/area/CN-GD", params={"lang": lang}).text
    assert f"<h1>{AREA_NAMES[lang]}</h1>" in html
    assert html.count('<td class="verdict">') >= 4  # its figures' verdicts (context: proxies)
    assert "2020" in html and "-1.16" in html  # energy use per unit of GDP, 2020, as published
    assert f'<option value="CN-GD" selected>{AREA_NAMES[lang]}</option>' in html  # the form says where we are


def test_area_and_sector_are_checked(reader: TestClient) -> None:
    assert reader.get("/area/XX-YY").status_code == 404
    assert reader.get("/", params={"area": "Mars"}).status_code == 400
    assert reader.get("/", params={"sector": "no_such_sector"}).status_code == 400
    html = reader.get("/", params={"sector": "sector_next_gen_it"}).text
    assert "No target has figures for this sector yet." in html
    assert '<option value="sector_next_gen_it" selected>' in html


@pytest.mark.parametrize("milestone", [None, "2020", "2025"])
def test_home_counts_are_the_api_counts(reader: TestClient, milestone: str | None) -> None:
    query = {"milestone": milestone} if milestone else {}
    api = reader.get("/api/evaluation", params=query).json()["counts"]
    html = reader.get("/", params=query).text
    table = html.split('<table class="counts">')[1].split("</table>")[0]
    shown_counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table)]
    assert shown_counts == list(api.values())
    rows = html.count('<td class="verdict">')
    assert rows == sum(api.values())  # every counted target is a row of the dashboard


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figure_notes_are_in_the_page_language(reader: TestClient, lang: str) -> None:
    html = reader.get("/area/CN-GD", params={"lang": lang}).text
    notes = re.findall(r'<td class="note">([^<]*)</td>', html)
    assert notes and any(notes)
    if lang == "en":
        assert "Revised series of the yearbook table (regional data revised with GDP)" in notes
    else:
        assert not [n for n in notes if re.search(r"[A-Za-z]{3,}", n.replace("GDP", ""))], notes


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/indicator/energy_intensity"])
def test_charts_are_named_in_the_page_language(reader: TestClient, path: str, lang: str) -> None:
    from mic2025.i18n import translator

    _ = translator(lang)
    html = reader.get(path, params={"lang": lang}).text
    svgs = re.findall(r"<svg\b[^>]*>.*?</desc>", html, re.S)
    assert svgs
    for svg in svgs:
        labelled = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg)
        assert 'role="img"' in svg and labelled
        title = re.search(rf'<title id="{labelled.group(1)}">([^<]+)</title>', svg)
        desc = re.search(rf'<desc id="{labelled.group(2)}">([^<]+)</desc>', svg)
        assert title and desc
        if lang != "en":
            assert title.group(1) != "Targets by status" and not desc.group(1).startswith(("Bar", "Line"))
    if path == "/":
        assert f">{escape(_('Targets by status'))}</title>" in html


def test_sources_table_is_a_keyboard_region_with_short_addresses(reader: TestClient) -> None:
    html = reader.get("/sources", params={"lang": "zh-Hans"}).text
    assert re.search(
        r'<div class="scroll" tabindex="0" role="region" aria-label="[^"]+">\s*<table class="sources">', html
    )
    assert "<summary>www.gov.cn</summary>" in html  # the host, the full address one click away


def test_rollup_follows_the_dashboard_order(reader: TestClient) -> None:
    html = reader.get("/", params={"lang": "ko"}).text
    captions = re.findall(r'<caption id="g-[a-z_]+">([^<]+)</caption>', html)
    rollup = html.split('<table class="rollup">')[1].split("</table>")[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', rollup) == captions


def test_sources_in_the_readers_language_where_recorded(reader: TestClient) -> None:
    zh = reader.get("/sources", params={"lang": "zh-Hans"}).text
    en = reader.get("/sources", params={"lang": "en"}).text
    row = re.compile(r'<tr id="src-bda_broadband_2016_q2">\s*<th scope="row">([^<]+)')
    assert row.search(en).group(1) == "China Broadband Penetration Report, Q2 2016"
    assert row.search(zh).group(1).startswith("中国宽带普及状况报告")


@pytest.mark.parametrize(("path", "lang"), [("/", "en"), *[("/area/CN-GD", lang) for lang in LANGUAGES]])
def test_every_link_of_the_dashboard_and_a_province_answers(reader: TestClient, path: str, lang: str) -> None:
    """Links from a province page keep the province: its proxies' pages must render too."""
    html = reader.get(path, params={"lang": lang}).text
    links = {u.split("#")[0] for tag, name, u in parse(html).urls if name == "href" and u.startswith("/")}
    assert len(links) > 5
    broken = [u for u in sorted(links) if reader.get(u.replace("&amp;", "&")).status_code != 200]
    assert broken == []


def test_figures_not_published_page_lists_the_register_in_every_language(reader: TestClient) -> None:
    en = reader.get("/gaps").text
    assert en.count('<th scope="row">') == 14
    assert "No figure for 2023, 2024 or 2025 was found" in en  # the register's note, English only
    ja = reader.get("/gaps", params={"lang": "ja"}).text
    assert "変化率のみ公表され、目標の基準となる水準値は公表されていない" in ja
    assert "No figure for 2023" not in ja
    assert 'href="/gaps?lang=ja"' in reader.get("/", params={"lang": "ja"}).text
