"""The scope rule of web/auth.py, case by case, and a token without any write scope.

``may_write(who, area, entity)``: admin writes anything; an ``entity:`` scope limits the
reporting units, an ``area:`` scope the areas (both must hold when a token has both); a
token with neither (``sources`` only) writes nothing.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mic2025.store.tokens import Principal
from mic2025.web.auth import (
    ApiError,
    RowRef,
    area_scopes,
    check_rows,
    entity_scopes,
    may_write,
    scope_problems,
)
from web.test_api_write import body, counts, row


def who(*scopes: str) -> Principal:
    return Principal("t", frozenset(scopes))


@pytest.mark.parametrize(
    ("scopes", "area", "entity", "allowed"),
    [
        (("admin",), "CN-JS", "E9", True),
        (("area:*",), "CN-JS", "", True),
        (("area:*",), "CN", "E9", True),
        (("area:CN-GD",), "CN-GD", "", True),
        (("area:CN-GD",), "CN-GD", "E1", True),  # a province writes its units' figures
        (("area:CN-GD",), "CN-JS", "", False),
        (("area:CN-GD",), "CN", "", False),
        (("area:CN-GD", "area:CN-JS"), "CN-JS", "", True),
        (("entity:E1",), "CN-JS", "E1", True),  # a firm writes its own figures anywhere
        (("entity:E1",), "CN-JS", "E2", False),
        (("entity:E1",), "CN-GD", "", False),
        (("entity:E1", "area:CN-GD"), "CN-GD", "E1", True),
        (("entity:E1", "area:CN-GD"), "CN-JS", "E1", False),  # both must hold
        (("entity:E1", "area:CN-GD"), "CN-GD", "E2", False),
        (("sources",), "CN-GD", "", False),  # no area and no entity scope: nothing
        (("sources",), "CN", "E1", False),
        ((), "CN", "", False),
    ],
)
def test_may_write(scopes: tuple[str, ...], area: str, entity: str, allowed: bool) -> None:
    assert may_write(who(*scopes), area, entity) is allowed


def test_scope_lists_are_sorted_and_stripped() -> None:
    p = who("entity:E2", "area:CN-JS", "sources", "entity:E1", "area:CN-GD")
    assert area_scopes(p) == ["CN-GD", "CN-JS"]
    assert entity_scopes(p) == ["E1", "E2"]


def test_problems_name_the_column_that_fails() -> None:
    refs = [RowRef(2, None, "CN-GD", "E1"), RowRef(3, None, "CN-JS", "E1"), RowRef(4, None, "CN-GD", "E2")]
    got = scope_problems(who("entity:E1", "area:CN-GD"), refs, "f.csv")
    assert [(p["row"], p["column"], p["value"]) for p in got] == [(3, "area", "CN-JS"), (4, "entity", "E2")]
    assert got[0]["reason"] == "token may write only area(s) CN-GD"
    assert got[1]["reason"] == "token may write only reporting unit(s) E1"
    none = scope_problems(who("sources"), [RowRef(None, 0, "CN", "")], "body")
    assert none == [
        {"file": "body", "row": None, "index": 0, "column": "area", "value": "CN",
         "reason": "token has no write scope"}
    ]  # fmt: skip


def test_lists_of_scopes_are_joined_with_commas() -> None:
    refs = [RowRef(2, None, "CN-JS", "E1"), RowRef(3, None, "CN-GD", "E3")]
    areas = scope_problems(who("area:CN-GD", "area:CN-BJ"), refs[:1], "f.csv")
    assert areas[0]["reason"] == "token may write only area(s) CN-BJ, CN-GD"
    units = scope_problems(who("entity:E2", "entity:E1"), refs[1:], "f.csv")
    assert units[0]["reason"] == "token may write only reporting unit(s) E1, E2"
    with pytest.raises(ApiError) as caught:
        check_rows(who("entity:E1"), [RowRef(2, None, "CN", "E2"), RowRef(3, None, "CN", "E3")], "f.csv")
    assert caught.value.message == (
        "token 't' may not write 2 row(s) for reporting unit(s) 'E2', 'E3'; nothing was written"
    )


def test_check_rows_403_lists_areas_and_units() -> None:
    refs = [RowRef(2, None, "CN-JS", "E1"), RowRef(3, None, "CN-GD", "E2"), RowRef(4, None, "CN-BJ", "E1")]
    with pytest.raises(ApiError) as caught:
        check_rows(who("entity:E1", "area:CN-GD"), refs, "f.csv")
    err = caught.value
    assert err.status_code == 403 and err.detail == err.message  # logged like any HTTPException
    assert err.message == (
        "token 't' may not write 3 row(s) for area(s) CN-BJ, CN-JS and reporting unit(s) 'E2'; "
        "nothing was written"
    )
    assert err.extra == {"allowed": {"areas": ["CN-GD"], "entities": ["E1"]}}
    check_rows(who("entity:E1", "area:CN-GD"), [RowRef(2, None, "CN-GD", "E1")], "f.csv")  # no error


def test_token_without_write_scope_is_403_and_writes_nothing(client: TestClient, token) -> None:
    librarian = token("librarian", "sources")
    before = counts(client)
    r = client.post("/api/observations", json=body(row("CN-GD"), row("CN")), headers=librarian)
    assert r.status_code == 403, r.text
    err = r.json()
    assert "nothing was written" in err["error"]
    assert [(p["index"], p["column"], p["reason"]) for p in err["problems"]] == [
        (0, "area", "token has no write scope"),
        (1, "area", "token has no write scope"),
    ]
    assert err["allowed"] == {"areas": [], "entities": []}
    files = {"file": ("x.csv", b"indicator,area,period,value\nbroadband_penetration,CN,2020,91.5\n")}
    data = {"source": "mic2025_plan_table", "vintage": "2021-03-01"}
    r = client.post("/api/observations/file", files=files, data=data, headers=librarian)
    assert r.status_code == 403 and r.json()["problems"][0]["row"] == 2
    assert counts(client) == before


def test_401_says_what_is_missing(client: TestClient, token) -> None:
    token("someone", "area:CN-GD")
    r = client.post("/api/observations", json=body(row()))
    assert r.status_code == 401
    assert r.json()["error"] == "this endpoint needs a token: send 'Authorization: Bearer <token>'"
    r = client.post("/api/observations", json=body(row()), headers={"Authorization": "Bearer mic_wrong"})
    assert r.status_code == 401 and r.json()["error"] == "unknown, revoked or expired token"
    r = client.post("/api/observations", json=body(row()), headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert r.status_code == 401 and "needs a token" in r.json()["error"]
