"""``GET /api``: a caller who knows only the address learns every route from it."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_api_index_lists_every_route_of_the_openapi_description(reader: TestClient) -> None:
    r = reader.get("/api")
    assert r.status_code == 200
    body = r.json()
    listed = {(route["path"], m) for route in body["routes"] for m in route["methods"]}
    described = {
        (path, method.upper())
        for path, ops in reader.get("/openapi.json").json()["paths"].items()
        if path.startswith("/api")
        for method in ops
        if method != "head"
    }
    assert listed == described
    assert body["openapi"].endswith("/openapi.json")


def test_api_index_says_which_routes_need_a_token(reader: TestClient) -> None:
    routes = {(r["path"], tuple(r["methods"])): r for r in reader.get("/api").json()["routes"]}
    assert routes[("/api/observations", ("POST",))]["token"] is True
    assert routes[("/api/evaluation", ("GET",))]["token"] is False
    assert routes[("/api/evaluation", ("GET",))]["summary"]


def test_api_index_answers_head_like_get(reader: TestClient) -> None:
    assert reader.head("/api").status_code == 200
