"""The dashboard in a real browser: headless Debian Chromium driven by Playwright.

Uvicorn serves the app in a thread on a socket bound here to port 0, so the kernel picks
a free port and nothing can take it between choosing and serving; every request the page
makes is recorded, and none may leave 127.0.0.1.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (scripts/test.sh installs it)")
    import uvicorn

    from mic2025.web import create_app

    copy = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the port is ours from here on: no window for a race
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()
    app.state.publication.close()


def test_dashboard_in_chromium(server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    requested: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
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
            browser.close()
    assert (tmp_path / "indicator-ja.png").stat().st_size > 10_000
    hosts = {urlparse(u).hostname for u in requested if not u.startswith(("data:", "about:"))}
    assert hosts == {"127.0.0.1"}, requested
    assert any(u.endswith("/static/style.css") for u in requested)
