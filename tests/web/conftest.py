"""A store loaded with the bundled national figures once per session; each test that
writes gets its own copy of the file, so tests never see each other's batches."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mic2025.store.tokens import issue_token
from mic2025.web import create_app


@pytest.fixture(scope="session")
def read_app(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One app for read-only tests (they never write)."""
    copy = tmp_path_factory.mktemp("read") / "read.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy))
    yield app
    app.state.publication.close()


@pytest.fixture(scope="session")
def reader(read_app: FastAPI) -> TestClient:
    return TestClient(read_app)


@pytest.fixture(scope="session")
def read_admin(read_app: FastAPI) -> dict[str, str]:
    """An admin's Authorization header for the read app (batches, audit, tokens)."""
    with read_app.state.publication.locked(write=True) as m:
        secret = issue_token(m.store.con, "read-admin", ["admin"])
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture()
def write_app(bundled_db: Path, tmp_path: Path) -> Iterator[FastAPI]:
    copy = tmp_path / "write.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy))
    yield app
    app.state.publication.close()


@pytest.fixture()
def client(write_app: FastAPI) -> TestClient:
    return TestClient(write_app)


@pytest.fixture()
def token(write_app: FastAPI):
    """``token(name, *scopes)`` -> Authorization header for a new token in the app's store."""

    def make(name: str, *scopes: str, expires_at=None) -> dict[str, str]:
        with write_app.state.publication.locked(write=True) as m:
            secret = issue_token(m.store.con, name, list(scopes), expires_at=expires_at)
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture()
def admin(token) -> dict[str, str]:
    return token("nso-admin", "admin")


@pytest.fixture()
def reviewer(token) -> dict[str, str]:
    return token("nso-reviewer", "review")


# -- a real server and one headless Chromium for the browser tests ---------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn in a thread on a socket bound here to port 0, so the kernel
    picks a free port and nothing can take it between choosing and serving."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (scripts/test.sh installs it)")
    import uvicorn

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


@pytest.fixture(scope="session")
def chromium(live_server: str) -> Iterator[Any]:
    """One headless Debian Chromium for the whole session (Playwright drives it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
