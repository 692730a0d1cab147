"""Accessibility in a real browser: axe-core on every page type in all five languages,
and the dashboard's verdicts in view on a 390 px phone.

axe-core is vendored (``tests/web/vendor/axe.min.js``, see the README there) and injected
with Playwright into each page as it loads; nothing is fetched at test time.  The test
fails on any violation axe rates serious or critical (WCAG 2 A/AA rules and best
practices, axe's default rule set).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mic2025.plan.model import LANGUAGES

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = {
    "home": "/",
    "indicator": "/indicator/energy_intensity",
    "province": "/area/CN-GD",
    "sources": "/sources",
    "gaps": "/gaps",
    "about": "/about",
    "error": "/indicator/no_such_indicator",
}
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_page(chromium: Any) -> Iterator[Any]:
    """One desktop page; axe-core is added to every document it loads."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    yield page
    context.close()


def _blocking(page: Any) -> list[str]:
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violations(axe_page: Any, live_server: str, kind: str, lang: str) -> None:
    response = axe_page.goto(f"{live_server}{PAGES[kind]}?lang={lang}")
    assert response is not None and response.status == (404 if kind == "error" else 200)
    assert axe_page.locator("html").get_attribute("lang") == lang
    assert axe_page.evaluate("typeof axe") == "object", "axe-core was not injected"
    assert _blocking(axe_page) == []


def test_axe_finds_what_it_should(axe_page: Any, live_server: str) -> None:
    """The check can fail: a chart stripped of its name and description is reported at once."""
    axe_page.goto(f"{live_server}/indicator/energy_intensity?lang=ja")
    assert _blocking(axe_page) == []
    axe_page.evaluate(
        """() => document.querySelectorAll('figure.chart svg').forEach(svg => {
            svg.removeAttribute('aria-labelledby');
            svg.querySelectorAll(':scope > title, :scope > desc').forEach(e => e.remove());
        })"""
    )
    assert any(v.startswith("svg-img-alt") for v in _blocking(axe_page))


@pytest.mark.parametrize("path", ["/", "/area/CN-GD"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_verdicts_in_view_on_a_phone(chromium: Any, live_server: str, path: str, lang: str) -> None:
    """At 390 px every verdict of the dashboard is inside the viewport, without scrolling sideways."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{live_server}{path}?lang={lang}")
        cells = page.locator("table.dash td.verdict")
        assert cells.count() > 0
        for box in cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().toJSON())"):
            assert box["width"] > 0 and box["left"] >= 0 and box["right"] <= 390, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
