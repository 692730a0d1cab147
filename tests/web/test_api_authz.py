"""The authorisation matrix: every endpoint that needs a token × every kind of caller ×
in and out of the caller's scope.  Each cell says the status the API must answer,
and whenever it refuses, nothing in the store may have changed (figures, batches,
sources, tokens, review decisions)."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mic2025.store.tokens import issue_token, list_tokens, revoke_tokens
from mic2025.web import create_app
from mic2025.web.limits import Limits

CALLERS = (
    "none",
    "bogus",
    "expired",
    "revoked",
    "area:CN-GD",
    "area:*",
    "entity:E1",
    "sources",
    "review",
    "admin",
)
VINTAGE = "2021-03-01"
_n = itertools.count()


@pytest.fixture(scope="module")
def world(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    copy = tmp_path_factory.mktemp("authz") / "authz.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy), limits=Limits(auth_failures=10**9))
    headers: dict[str, dict[str, str]] = {"none": {}, "bogus": {"Authorization": "Bearer mic_not_a_token"}}
    with app.state.publication.locked(write=True) as m:
        for caller in CALLERS[4:]:
            secret = issue_token(m.store.con, caller.replace(":", "-").replace("*", "all"), [caller])
            headers[caller] = {"Authorization": f"Bearer {secret}"}
        soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
        headers["expired"] = {
            "Authorization": f"Bearer {issue_token(m.store.con, 'old', ['admin'], expires_at=soon)}"
        }
        headers["revoked"] = {"Authorization": f"Bearer {issue_token(m.store.con, 'gone', ['admin'])}"}
        revoke_tokens(m.store.con, "gone")
        submitter = {"Authorization": f"Bearer {issue_token(m.store.con, 'submitter', ['area:CN-SH'])}"}
    import time

    time.sleep(1.1)  # "old" has expired
    yield {"client": TestClient(app), "headers": headers, "submitter": submitter, "app": app}
    app.state.publication.close()


def state(app) -> tuple:
    """Everything a write could change."""
    with app.state.publication.locked() as m:
        rows = int(m.store.observations_expr(all_vintages=True, visible="all").count().execute())
        batches = m.batches()
        reviews = tuple(sorted(zip(batches["id"], batches["review"].fillna(""), strict=True)))
        tokens = tuple((t["name"], t["revoked"]) for t in list_tokens(m.store.con))
        return rows, reviews, len(m.sources()), tokens


def row(area: str = "CN-GD", entity: str | None = None) -> dict[str, Any]:
    n = next(_n)
    out = {"indicator": "broadband_penetration", "area": area, "period": "1990", "value": 50.0}
    out["vintage"] = (dt.date(1991, 1, 1) + dt.timedelta(days=n)).isoformat()
    if entity:
        out["entity"] = entity
    return out


def pending_batch(world: dict[str, Any]) -> str:
    r = world["client"].post(
        "/api/observations",
        json={"rows": [row("CN-SH")], "source": "mic2025_plan_table"},
        headers=world["submitter"],
    )
    assert r.status_code == 201, r.text
    return r.json()["batch"]


# in scope / out of scope, per endpoint: prepares what the request needs, returns the request
Request = Callable[[dict[str, Any], str, dict[str, str]], Callable[[], Any]]


def obs_json(scope: str) -> Request:
    def make(world, caller, headers):
        if scope == "in":
            mine = {"area:CN-GD": row("CN-GD"), "entity:E1": row("CN-GD", "E1")}.get(caller, row("CN-GD"))
        else:
            mine = {"entity:E1": row("CN-GD", "E2")}.get(caller, row("CN-JS"))
        body = {"rows": [mine], "source": "mic2025_plan_table"}
        return lambda: world["client"].post("/api/observations", json=body, headers=headers)

    return make


def obs_file(scope: str) -> Request:
    def make(world, caller, headers):
        area, entity = (
            ("CN-GD", "E1")
            if scope == "in"
            else (("CN-GD", "E2") if caller == "entity:E1" else ("CN-JS", ""))
        )
        if caller != "entity:E1" and scope == "in":
            entity = ""
        one = row(area, entity or None)
        csv = "indicator,area,period,value,vintage,entity\n" + ",".join(
            str(one.get(k, "")) for k in ("indicator", "area", "period", "value", "vintage", "entity")
        )
        return lambda: world["client"].post(
            "/api/observations/file",
            files={"file": ("f.csv", csv.encode())},
            data={"source": "mic2025_plan_table"},
            headers=headers,
        )

    return make


def sources(scope: str) -> Request:
    def make(world, caller, headers):
        body = {"sources": [{"id": f"src_{next(_n)}", "title": "A yearbook"}]}
        return lambda: world["client"].post("/api/sources", json=body, headers=headers)

    return make


def decide(action: str) -> Callable[[str], Request]:
    def scoped(scope: str) -> Request:
        def make(world, caller, headers):
            batch = pending_batch(world) if scope == "in" else "no-such-batch"
            return lambda: world["client"].post(f"/api/batches/{batch}/{action}", headers=headers)

        return make

    return scoped


def token_add(scope: str) -> Request:
    def make(world, caller, headers):
        body = {"name": f"new-{next(_n)}", "scopes": ["area:CN-GD"]}
        return lambda: world["client"].post("/api/tokens", json=body, headers=headers)

    return make


def token_revoke(scope: str) -> Request:
    def make(world, caller, headers):
        name = f"victim-{next(_n)}"
        if scope == "in":
            with world["app"].state.publication.locked(write=True) as m:
                issue_token(m.store.con, name, ["area:CN-JS"])
        return lambda: world["client"].delete(f"/api/tokens/{name}", headers=headers)

    return make


def reading(path: str) -> Callable[[str], Request]:
    def scoped(scope: str) -> Request:
        def make(world, caller, headers):
            target = path
            if "{batch}" in path:
                target = path.format(batch=pending_batch(world) if scope == "in" else "no-such-batch")
            return lambda: world["client"].get(target, headers=headers)

        return make

    return scoped


WRITERS = ("area:CN-GD", "area:*", "entity:E1", "admin")
ENDPOINTS: dict[str, tuple[Callable[[str], Request], Callable[[str, str], int]]] = {
    # name: (request maker, expected status for an authenticated caller)
    "POST /api/observations": (
        obs_json,
        lambda c, s: 201 if c in WRITERS and (s == "in" or c in ("area:*", "admin")) else 403,
    ),
    "POST /api/observations/file": (
        obs_file,
        lambda c, s: 201 if c in WRITERS and (s == "in" or c in ("area:*", "admin")) else 403,
    ),
    "POST /api/sources": (sources, lambda c, s: 201 if c in ("sources", "admin") else 403),
    "POST /api/batches/{id}/approve": (
        decide("approve"),
        lambda c, s: (200 if s == "in" else 404) if c in ("review", "admin") else 403,
    ),
    "POST /api/batches/{id}/reject": (
        decide("reject"),
        lambda c, s: (200 if s == "in" else 404) if c in ("review", "admin") else 403,
    ),
    "POST /api/tokens": (token_add, lambda c, s: 201 if c == "admin" else 403),
    "DELETE /api/tokens/{name}": (
        token_revoke,
        lambda c, s: (200 if s == "in" else 404) if c == "admin" else 403,
    ),
    "GET /api/batches": (reading("/api/batches"), lambda c, s: 200 if c in ("review", "admin") else 403),
    "GET /api/audit": (reading("/api/audit"), lambda c, s: 200 if c in ("review", "admin") else 403),
    "GET /api/tokens": (reading("/api/tokens"), lambda c, s: 200 if c == "admin" else 403),
    "GET /api/batches/{id}": (
        reading("/api/batches/{batch}"),
        lambda c, s: 200 if c in ("review", "admin") and s == "in" else 404,
    ),
    "GET /api/batches/{id}/observations": (
        reading("/api/batches/{batch}/observations"),
        lambda c, s: 200 if c in ("review", "admin") and s == "in" else 404,
    ),
}
CHANGES = {"POST", "DELETE"}


@pytest.mark.parametrize("scope", ["in", "out"])
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_matrix(world: dict[str, Any], endpoint: str, caller: str, scope: str) -> None:
    maker, rule = ENDPOINTS[endpoint]
    expected = 401 if caller in ("none", "bogus", "expired", "revoked") else rule(caller, scope)
    # what the request needs (a pending batch, a token to revoke) is made before
    send = maker(scope)(world, caller, world["headers"][caller])
    before = state(world["app"])
    r = send()
    assert r.status_code == expected, (
        f"{endpoint} as {caller} ({scope} of scope): {r.status_code} {r.text[:300]}"
    )
    if expected >= 400 and endpoint.split()[0] in CHANGES:
        assert state(world["app"]) == before, f"{endpoint} as {caller} changed the store although refused"
