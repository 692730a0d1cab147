"""Limits before work and HTTP correctness: a write is authenticated before its body is
read, bodies are capped by Content-Length and as they stream, failed tokens are rate
limited, every 405 says Allow, HEAD works on GET routes, unknown codes are 422, lists
say their length and their pages, CORS is read-only.  (A real server under a 1 GB
body: tests/reliability/test_body_limits.py.)"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mic2025.store.tokens import issue_token
from mic2025.web import create_app
from mic2025.web.limits import FailureLimiter, Limits

ROW = {"indicator": "broadband_penetration", "area": "CN-GD", "period": "2020", "value": 91.5}


@pytest.fixture()
def small(bundled_db: Path, tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app with small limits (4 KiB JSON, 8 KiB uploads, 3 failed tokens a minute)."""
    copy = tmp_path / "small.duckdb"
    shutil.copy(bundled_db, copy)
    limits = Limits(max_json_bytes=4096, max_upload_bytes=8192, auth_failures=3, auth_window=60)
    app = create_app(str(copy), limits=limits)
    with app.state.publication.locked(write=True) as m:
        secret = issue_token(m.store.con, "gd", ["area:CN-GD"])
    yield TestClient(app), {"Authorization": f"Bearer {secret}"}
    app.state.publication.close()


def _stream(total: int, chunk: int = 1024) -> Iterator[bytes]:
    """A body with no Content-Length (chunked), ``total`` bytes of JSON-ish text."""
    sent = 0
    while sent < total:
        piece = min(chunk, total - sent)
        sent += piece
        yield b" " * piece


class Spy:
    """Counts how much of a body the app pulled (wraps the ASGI receive)."""

    def __init__(self, app) -> None:
        self.app, self.read = app, 0

    async def __call__(self, scope, receive, send) -> None:
        async def counting():
            message = await receive()
            self.read += len(message.get("body", b""))
            return message

        await self.app(scope, counting, send)


def test_no_token_is_refused_before_the_body_is_read(small) -> None:
    client, _ = small
    spy = Spy(client.app)
    raw = TestClient(spy)
    r = raw.post("/api/observations", content=_stream(1 << 20), headers={"Content-Type": "application/json"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.headers["connection"] == "close"
    assert spy.read == 0
    r = raw.post("/api/observations/file", files={"file": ("x.csv", b"a" * 100_000)})
    assert r.status_code == 401 and spy.read == 0


def test_declared_length_over_the_cap_is_413_unread(small) -> None:
    client, gd = small
    spy = Spy(client.app)
    raw = TestClient(spy)
    r = raw.post("/api/observations", content=b" " * 5000, headers={**gd, "Content-Type": "application/json"})
    assert r.status_code == 413 and "4,096 bytes" in r.json()["error"]
    assert spy.read == 0


def test_streamed_body_is_cut_at_the_cap(small) -> None:
    client, gd = small
    spy = Spy(client.app)
    raw = TestClient(spy)
    r = raw.post(
        "/api/observations", content=_stream(1 << 20), headers={**gd, "Content-Type": "application/json"}
    )
    assert r.status_code == 413, r.text
    # (the test client hands the body over in one piece; a real server's streaming
    # cut-off is measured in tests/reliability/test_body_limits.py)
    # an upload: the file cap (8 KiB), not the JSON one
    r = client.post("/api/observations/file", files={"file": ("x.csv", b"a,b\n" * 5000)}, headers=gd)
    assert r.status_code == 413 and "upload" in r.json()["error"]
    small_csv = (
        b"indicator,area,period,value,source,vintage\n"
        b"broadband_penetration,CN-GD,2020,91.5,mic2025_plan_table,2021-03-01\n"
    )
    r = client.post("/api/observations/file", files={"file": ("ok.csv", small_csv)}, headers=gd)
    assert r.status_code == 201, r.text


def test_failed_tokens_are_rate_limited_per_address(small) -> None:
    client, gd = small
    bad = {"Authorization": "Bearer mic_guess"}
    for _ in range(3):
        assert client.post("/api/observations", json={"rows": [ROW]}, headers=bad).status_code == 401
    r = client.post("/api/observations", json={"rows": [ROW]}, headers=bad)
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # the address is blocked, even with a good token, until the window passes
    assert client.post("/api/observations", json={"rows": [ROW]}, headers=gd).status_code == 429
    assert client.get("/api/batches", headers=bad).status_code == 429
    # reading published figures needs no token and is never blocked
    assert client.get("/api/health").status_code == 200


def test_limiter_window_and_memory_bound() -> None:
    limiter = FailureLimiter(2, window=0.2, max_clients=3)
    limiter.fail("a")
    assert limiter.retry_after("a") == 0
    limiter.fail("a")
    assert limiter.retry_after("a") >= 1
    import time

    time.sleep(0.25)
    assert limiter.retry_after("a") == 0
    for c in "bcdef":
        limiter.fail(c)
    assert len(limiter._seen) == 3


def test_limits_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("MIC2025_MAX_JSON_BYTES", "1000")
    monkeypatch.setenv("MIC2025_CORS_ORIGINS", "https://a.example, https://b.example")
    limits = Limits.from_environment(max_upload_bytes=2000)
    assert (limits.max_json_bytes, limits.max_upload_bytes) == (1000, 2000)
    assert limits.cors_origins == ("https://a.example", "https://b.example")
    assert Limits.from_environment(**{k: None for k in ("max_json_bytes",)}).max_json_bytes == 1000
    monkeypatch.setenv("MIC2025_MAX_JSON_BYTES", "lots")
    with pytest.raises(ValueError, match="MIC2025_MAX_JSON_BYTES"):
        Limits.from_environment()


# -- HTTP correctness ----------------------------------------------------------------
def test_405_says_allow(reader: TestClient) -> None:
    r = reader.put("/api/observations", json={})
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, HEAD, POST"
    r = reader.post("/api/plan", json={})
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    r = reader.delete("/api/evaluation")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"


def test_head_on_every_get_route(reader: TestClient) -> None:
    for path in ("/api/health", "/api/plan", "/api/observations?limit=5", "/api/evaluation", "/", "/about"):
        get = reader.get(path)
        head = reader.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b""
        assert head.headers.get("content-length") == get.headers.get("content-length"), path


def test_unknown_codes_are_422(reader: TestClient) -> None:
    for params, column in (
        ({"area": "CN-ZZ"}, "area"),
        ({"indicator": "no_such_indicator"}, "indicator"),
        ({"sector": "NOT-A-SECTOR"}, "sector"),
    ):
        r = reader.get("/api/observations", params=params)
        assert r.status_code == 422, params
        assert r.json()["problems"][0]["column"] == f"query.{column}"
    r = reader.get("/api/evaluation", params={"area": "CN-ZZ"})
    assert r.status_code == 422 and "area" in r.json()["error"]
    assert reader.get("/api/evaluation", params={"area": "USA"}).status_code == 422
    assert reader.get("/api/observations", params={"sector": "C39", "area": "USA"}).status_code == 200


def test_evaluation_defaults_to_national(reader: TestClient) -> None:
    body = reader.get("/api/evaluation").json()
    assert body["area"] == "CN" and {r["area"] for r in body["headline"]} == {"CN"}


def test_paged_lists_say_total_and_links(reader: TestClient, read_admin: dict[str, str]) -> None:
    r = reader.get("/api/observations", params={"limit": 10, "offset": 10})
    total = int(r.headers["x-total-count"])
    assert total > 30 and len(r.json()) == 10
    links = r.headers["link"]
    assert 'offset=0>; rel="first"' in links and 'offset=0>; rel="prev"' in links
    assert 'offset=20>; rel="next"' in links
    assert f'offset={(total - 1) // 10 * 10}>; rel="last"' in links
    everything = reader.get("/api/observations", params={"limit": 100000}).json()
    assert len(everything) == total
    for path, headers in (("/api/sources", {}), ("/api/batches", read_admin), ("/api/audit", read_admin)):
        r = reader.get(path, params={"limit": 1}, headers=headers)
        assert r.status_code == 200, path
        assert int(r.headers["x-total-count"]) >= 1 and 'rel="last"' in r.headers["link"], path
        assert len(r.json()) == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("broken.xlsx", b"PK\x03\x04 this is not really a workbook"),
        ("broken2.xlsx", b"\x00" * 100),
        ("broken.parquet", b"PAR1 nope PAR1"),
        ("broken.csv", b"\xff\xfe\x00bad,\x00\n\x80\x81"),
        ("empty.csv", b""),
        ("broken.sdmx.csv", b"DATAFLOW,OBS_VALUE\n\x00,\xff\n"),
        ("noext", b"{}"),
    ],
)
def test_corrupt_files_are_422_with_the_reason(client: TestClient, token, name: str, content: bytes) -> None:
    r = client.post("/api/observations/file", files={"file": (name, content)}, headers=token("nso", "area:*"))
    assert r.status_code == 422, (name, r.status_code, r.text)
    body = r.json()
    assert body["problems"] and body["problems"][0]["reason"], body
    assert "nothing was written" in body["error"]


def test_corrupt_xlsx_zip_inside(client: TestClient, token) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<not xml")
        z.writestr("xl/workbook.xml", "garbage")
    r = client.post(
        "/api/observations/file",
        files={"file": ("zip.xlsx", buffer.getvalue())},
        headers=token("n", "area:*"),
    )
    assert r.status_code == 422, r.text


def test_cors_is_off_by_default_and_read_only_when_on(bundled_db: Path, tmp_path: Path, reader) -> None:
    assert (
        "access-control-allow-origin"
        not in reader.get("/api/health", headers={"Origin": "https://x.example"}).headers
    )
    copy = tmp_path / "cors.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy), limits=Limits(cors_origins=("https://stats.example",)))
    c = TestClient(app)
    r = c.get("/api/health", headers={"Origin": "https://stats.example"})
    assert r.headers["access-control-allow-origin"] == "https://stats.example"
    assert "x-total-count" in r.headers["access-control-expose-headers"].lower()
    pre = c.options(
        "/api/observations",
        headers={"Origin": "https://stats.example", "Access-Control-Request-Method": "POST"},
    )
    assert pre.status_code == 400  # a write is never allowed from another origin
    pre = c.options(
        "/api/observations",
        headers={"Origin": "https://stats.example", "Access-Control-Request-Method": "GET"},
    )
    assert pre.status_code == 200
    other = c.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    app.state.publication.close()


def test_evaluation_cache_etag_and_gzip(reader: TestClient) -> None:
    first = reader.get("/api/evaluation", params={"milestone": 2025})
    etag = first.headers["etag"]
    again = reader.get("/api/evaluation", params={"milestone": 2025}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    zipped = reader.get("/api/evaluation", params={"milestone": 2025}, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.json() == first.json()
    other = reader.get("/api/evaluation", params={"milestone": 2020})
    assert other.headers["etag"] != etag
