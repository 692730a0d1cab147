"""Tokens on a running server: ``mic2025 tokens revoke`` (a separate process) and
``DELETE /api/tokens/{name}`` take effect on the next request, on DuckDB (the server
keeps no file open) and on PostgreSQL with several workers; review from the CLI while
the server runs publishes at once."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from .conftest import Server, child_env, issue, mic2025

ROW = {"indicator": "broadband_penetration", "area": "CN-GD", "period": "2020", "value": 91.5}
BODY = {"rows": [ROW], "source": "mic2025_plan_table", "vintage": "2021-03-01"}


def _check_revoke_and_review(srv: Server, db: str) -> None:
    gd = issue(db, "gd-bureau", "area:CN-GD")
    admin = issue(db, "nso-admin", "admin")
    with httpx.Client(base_url=srv.url, timeout=30) as http:
        r = http.post("/api/observations", json=BODY, headers=gd)
        assert r.status_code == 201, r.text
        batch = r.json()["batch"]
        # the CLI reviews beside the running server; the next request sees it
        listed = mic2025("review", "list", "--db", db, env=child_env())
        assert batch in listed.stdout, listed.stderr
        done = mic2025("review", "approve", batch, "--db", db, env=child_env())
        assert done.returncode == 0, done.stderr
        # public on every worker within MIC2025_CACHE_CHECK_SECONDS (1 s; DuckDB: at once)
        deadline = time.monotonic() + 3
        while True:
            params = {"area": "CN-GD", "indicator": ROW["indicator"]}
            public = http.get("/api/observations", params=params).json()
            if public or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert [o["value"] for o in public] == [91.5]
        # revoke from another process while the server runs: refused on the next request
        revoked = mic2025("tokens", "revoke", "--name", "gd-bureau", "--db", db, env=child_env())
        assert revoked.returncode == 0, revoked.stderr
        for _ in range(srv.workers * 3):  # whichever worker answers
            assert http.post("/api/observations", json=BODY, headers=gd).status_code == 401
        # and through the API
        js = issue(db, "js-bureau", "area:CN-JS")
        row = {**ROW, "area": "CN-JS"}
        assert http.post("/api/observations", json={**BODY, "rows": [row]}, headers=js).status_code == 201
        assert http.delete("/api/tokens/js-bureau", headers=admin).status_code == 200
        for _ in range(srv.workers * 3):
            assert http.post("/api/observations", json={**BODY, "rows": [row]}, headers=js).status_code == 401
        log = mic2025("tokens", "list", "--db", db, env=child_env()).stdout
        assert "gd-bureau" in log and "revoked" in log


@pytest.mark.slow
def test_revoke_while_serving_duckdb(bundled_copy, tmp_path: Path) -> None:
    db = str(bundled_copy())
    srv = Server(db, log=tmp_path / "server.log").start()
    try:
        _check_revoke_and_review(srv, db)
    finally:
        srv.stop()


@pytest.mark.slow
@pytest.mark.postgres
def test_revoke_while_serving_postgres_workers(pg_store: str, tmp_path: Path) -> None:
    srv = Server(pg_store, workers=2, log=tmp_path / "server.log").start()
    try:
        _check_revoke_and_review(srv, pg_store)
    finally:
        srv.stop()
