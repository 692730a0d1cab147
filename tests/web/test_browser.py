"""The dashboard in a real browser: headless Debian Chromium driven by Playwright.

The server and the browser are the session's (``conftest.live_server``, ``chromium``);
every request the page makes is recorded, and none may leave 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def test_dashboard_in_chromium(live_server: str, chromium: Any, tmp_path: Path) -> None:
    server = live_server
    requested: list[str] = []
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(server + "/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("table.dash").first.is_visible()

        page.click('nav.langs a[hreflang="ja"]')
        page.wait_for_url("**/?lang=ja")
        assert page.locator("html").get_attribute("lang") == "ja"
        assert "中国製造2025" in page.locator("h1").inner_text()

        page.locator('table.dash a[href*="/indicator/broadband_penetration"]').first.click()
        page.wait_for_url("**/indicator/broadband_penetration?lang=ja")
        assert page.locator("h1").inner_text().startswith("ブロードバンド")
        assert page.locator("figure.chart svg").count() == 1
        assert page.locator("table.figures tbody tr").count() > 5
        assert "2017-07-25" in page.locator("table.figures").inner_text()
        page.screenshot(path=str(tmp_path / "indicator-ja.png"), full_page=True)
    finally:
        context.close()
    assert (tmp_path / "indicator-ja.png").stat().st_size > 10_000
    hosts = {urlparse(u).hostname for u in requested if not u.startswith(("data:", "about:"))}
    assert hosts == {"127.0.0.1"}, requested
    assert any(u.endswith("/static/style.css") for u in requested)


def test_area_selector_works_without_javascript(live_server: str, chromium: Any) -> None:
    """The dashboard's form picks a province with JavaScript switched off."""
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/?lang=zh-Hant")
        page.select_option('form.filters select[name="area"]', "CN-GD")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**/area/CN-GD?lang=zh-Hant")
        assert page.locator("h1").inner_text() == "廣東省"
        assert page.locator("table.area-verdicts tbody tr").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize(("width", "tallest"), [(1280, 200), (390, 300)])
def test_sources_rows_stay_readable_in_chinese(
    live_server: str, chromium: Any, width: int, tallest: int
) -> None:
    """Addresses are hosts, columns keep their width: no row turns into a column of two-character lines
    (the table used to be 25,000 px tall in zh-Hans)."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(live_server + "/sources?lang=zh-Hans")
        heights = page.locator("table.sources tbody tr").evaluate_all(
            "rows => rows.map(r => r.getBoundingClientRect().height)"
        )
        assert len(heights) > 50 and max(heights) < tallest, max(heights)
        region = page.locator("div.scroll[role=region]")
        region.focus()  # the table scrolls sideways from the keyboard
        assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    finally:
        context.close()
