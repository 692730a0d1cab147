"""A crowd against PostgreSQL with several workers: reads and writes mixed, zero 5xx,
every acknowledged row stored exactly once (counted and checksummed afterwards).

Each of the clients but one loops: 10 % writes (a province's token, one to three new
figures), 90 % reads of the API and the dashboard; the last client is a reviewer who
approves whatever is pending every 5 s.  Afterwards the database is read directly:
every acknowledged batch holds exactly its rows, nothing else was stored, and the
public sees exactly the approved rows.

CI runs 200 clients for 15 s.  The full run (60 s) is::

    MIC2025_LOAD_SECONDS=60 MIC2025_PG_URL=postgresql://... \\
        python -m pytest -q -s tests/reliability/test_load.py

Knobs: ``MIC2025_LOAD_CLIENTS`` (200), ``MIC2025_LOAD_SECONDS`` (15),
``MIC2025_LOAD_WORKERS`` (2).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import itertools
import os
import random
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from mic2025.store.areas import PROVINCES

from .conftest import Server, issue

CLIENTS = int(os.environ.get("MIC2025_LOAD_CLIENTS", "200"))
SECONDS = float(os.environ.get("MIC2025_LOAD_SECONDS", "15"))
WORKERS = int(os.environ.get("MIC2025_LOAD_WORKERS", "2"))
REVIEW_EVERY = 5.0
"""Seconds between the reviewer's rounds: each approval changes what is public, so
every cached evaluation and page is computed again after it."""
PERIODS = ("1988", "1989", "1990")
FIRST_VINTAGE = dt.date(1991, 1, 1)
INDICATOR = "broadband_penetration"
SOURCE = "mic2025_plan_table"

READS = [
    ("/api/health", {}),
    ("/api/evaluation", {}),
    ("/api/evaluation", {"milestone": "2025", "lang": "ja"}),
    ("/api/observations", {"indicator": INDICATOR, "limit": "100"}),
    ("/api/observations", {"area": "CN-GD", "all_vintages": "true", "limit": "50"}),
    ("/api/sources", {"limit": "20"}),
    ("/api/indicators", {}),
    ("/", {}),
]


def rows_for(n: int, area: str) -> list[dict]:
    """Write ``n``'s rows: a vintage of its own, so every identity is new."""
    vintage = (FIRST_VINTAGE + dt.timedelta(days=n)).isoformat()
    count = 1 + n % len(PERIODS)
    return [
        {
            "indicator": INDICATOR,
            "area": area,
            "period": PERIODS[k],
            "value": round((n * 7919 % 900) / 10 + k, 1),
            "vintage": vintage,
        }
        for k in range(count)
    ]


def key(area: str, period: str, vintage: str, value: float) -> str:
    return f"{area}|{period}|{vintage}|{value:.1f}"


def checksum(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:16]


class Tally:
    def __init__(self) -> None:
        self.status: Counter[int] = Counter()
        self.errors: Counter[str] = Counter()
        self.acked: dict[str, list[str]] = {}
        self.approved: set[str] = set()
        self.latencies: list[float] = []


async def crowd(
    url: str, tokens: dict[str, dict[str, str]], reviewer_token: dict[str, str], tally: Tally
) -> None:
    counter = itertools.count()
    deadline = time.monotonic() + SECONDS
    pending: list[str] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:

        async def reviewer() -> None:
            """One reviewer approves what is pending every few seconds, as a desk would."""
            while time.monotonic() < deadline:
                await asyncio.sleep(min(REVIEW_EVERY, max(0.0, deadline - time.monotonic())))
                batch_ids, pending[:] = list(pending), []

                async def approve(batch: str) -> None:
                    start = time.monotonic()
                    try:
                        r = await http.post(f"/api/batches/{batch}/approve", headers=reviewer_token)
                        tally.status[r.status_code] += 1
                        tally.latencies.append(time.monotonic() - start)
                        if r.status_code == 200:
                            tally.approved.add(batch)
                    except httpx.HTTPError as exc:
                        tally.errors[type(exc).__name__] += 1

                await asyncio.gather(*(approve(b) for b in batch_ids))

        async def one(i: int) -> None:
            rng = random.Random(i)
            area = sorted(PROVINCES)[i % len(PROVINCES)]
            while time.monotonic() < deadline:
                roll = rng.random()
                start = time.monotonic()
                try:
                    if roll < 0.10:
                        n = next(counter)
                        rows = rows_for(n, area)
                        body = {"rows": rows, "source": SOURCE}
                        r = await http.post("/api/observations", json=body, headers=tokens[area])
                        if r.status_code == 201:
                            tally.acked[r.json()["batch"]] = [
                                key(x["area"], x["period"], x["vintage"], x["value"]) for x in rows
                            ]
                            pending.append(r.json()["batch"])
                    else:
                        path, params = READS[rng.randrange(len(READS))]
                        r = await http.get(path, params=params)
                    tally.status[r.status_code] += 1
                    tally.latencies.append(time.monotonic() - start)
                except httpx.HTTPError as exc:
                    tally.errors[type(exc).__name__] += 1

        await asyncio.gather(reviewer(), *(one(i) for i in range(CLIENTS - 1)))


def stored_rows(url: str) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(key, batch) of every row written by the crowd, and rows_added per batch."""
    import psycopg

    with psycopg.connect(url) as con:
        rows = con.execute(
            "SELECT area, period, vintage, value, batch FROM observations "
            "WHERE indicator = %s AND source = %s AND vintage >= %s AND period IN ('1988', '1989', '1990')",
            (INDICATOR, SOURCE, FIRST_VINTAGE),
        ).fetchall()
        added = dict(con.execute("SELECT id, rows_added FROM batches WHERE who LIKE 'load-%'").fetchall())
    return [(key(a, p, v.isoformat(), float(x)), b) for a, p, v, x, b in rows], added


@pytest.mark.slow
@pytest.mark.postgres
def test_crowd_on_postgres(pg_store: str, tmp_path: Path) -> None:
    tokens = {area: issue(pg_store, f"load-{area}", f"area:{area}") for area in PROVINCES}
    reviewer = issue(pg_store, "load-reviewer", "review")
    srv = Server(pg_store, workers=WORKERS, log=tmp_path / "server.log").start()
    tally = Tally()
    started = time.monotonic()
    try:
        asyncio.run(crowd(srv.url, tokens, reviewer, tally))
        elapsed = time.monotonic() - started
        # the public sees exactly the approved batches' rows (every worker within 1 s:
        # MIC2025_CACHE_CHECK_SECONDS)
        time.sleep(1.5)
        with httpx.Client(base_url=srv.url, timeout=60) as http:
            public = http.get(
                "/api/observations",
                params={"indicator": INDICATOR, "all_vintages": "true", "limit": "100000"},
            ).json()
    finally:
        srv.stop()
    stored, added = stored_rows(pg_store)
    requests = sum(tally.status.values())
    five = sum(n for s, n in tally.status.items() if s >= 500)
    acked_keys = [k for keys in tally.acked.values() for k in keys]
    stored_keys = [k for k, _ in stored]
    by_batch = Counter(b for _, b in stored)
    lat = sorted(tally.latencies) or [0.0]
    public_keys = [
        key(o["area"], o["period"], o["vintage"], o["value"])
        for o in public
        if o["period"] in PERIODS and o["vintage"] >= FIRST_VINTAGE.isoformat()
    ]
    approved_keys = [k for b in tally.approved for k in tally.acked[b]]
    print(
        f"\nload: {CLIENTS} clients x {SECONDS:.0f} s ({elapsed:.0f} s with start-up), {WORKERS} workers, "
        f"PostgreSQL: {requests} requests ({requests / SECONDS:.0f}/s), statuses {dict(tally.status)}, "
        f"client errors {dict(tally.errors)}; p50 {lat[len(lat) // 2] * 1000:.0f} ms, "
        f"p99 {lat[int(len(lat) * 0.99)] * 1000:.0f} ms\n"
        f"writes acknowledged: {len(tally.acked)} batches, {len(acked_keys)} rows "
        f"(checksum {checksum(acked_keys)}); "
        f"stored: {len(stored_keys)} rows (checksum {checksum(stored_keys)}); "
        f"approved {len(tally.approved)} batches, {len(approved_keys)} rows; public {len(public_keys)} rows "
        f"(checksum {checksum(public_keys)} vs {checksum(approved_keys)})"
    )
    assert five == 0, dict(tally.status)
    assert not tally.errors, dict(tally.errors)
    assert len(tally.acked) > 0 and len(tally.approved) > 0
    # every acknowledged row stored exactly once, nothing else stored
    assert Counter(stored_keys) == Counter(acked_keys)
    assert checksum(stored_keys) == checksum(acked_keys)
    for batch, keys in tally.acked.items():
        assert by_batch[batch] == len(keys) == added[batch], batch
    # published = approved, exactly
    assert Counter(public_keys) == Counter(approved_keys)
