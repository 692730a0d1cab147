"""Write endpoints: 401 without a token, 403 outside its scope, 422 on any invalid row,
and in every refused case nothing at all is written; what is written waits for review."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

VINTAGE = "2021-03-01"


def row(area: str = "CN-GD", **extra: Any) -> dict[str, Any]:
    base = {"indicator": "broadband_penetration", "area": area, "period": "2020", "value": 91.5}
    return {**base, **extra}


def body(*rows: dict[str, Any], source: str | None = "mic2025_plan_table") -> dict[str, Any]:
    return {"rows": list(rows), "source": source, "vintage": VINTAGE}


def counts(client: TestClient) -> tuple[int, int]:
    """Rows and batches stored, whatever their review state (read from the store)."""
    with client.app.state.publication.locked() as m:
        rows = int(m.store.observations_expr(all_vintages=True, visible="all").count().execute())
        return rows, len(m.batches())


def approve(client: TestClient, batch: str, headers: dict[str, str]) -> None:
    r = client.post(f"/api/batches/{batch}/approve", headers=headers)
    assert r.status_code == 200, r.text


def test_no_token_is_401_and_nothing_written(client: TestClient) -> None:
    before = counts(client)
    r = client.post("/api/observations", json=body(row()))
    assert r.status_code == 401 and "token" in r.json()["error"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/observations", json=body(row()), headers={"Authorization": "Bearer mic_nonsense"})
    assert r.status_code == 401
    assert counts(client) == before


def test_province_writes_its_own_area(client: TestClient, token, reviewer, admin) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    r = client.post("/api/observations", json=body(row()), headers=gd)
    assert r.status_code == 201, r.text
    assert r.json()["rows_added"] == 1 and r.json()["who"] == "gd-bureau"
    assert r.json()["review"] == "pending"
    query = {"area": "CN-GD", "indicator": "broadband_penetration"}
    assert client.get("/api/observations", params=query).json() == []  # not public until approved
    approve(client, r.json()["batch"], reviewer)
    stored = client.get("/api/observations", params=query).json()
    assert [(s["value"], s["source"], s["vintage"]) for s in stored] == [
        (91.5, "mic2025_plan_table", VINTAGE)
    ]
    last = client.get("/api/batches", headers=admin).json()[-1]
    assert (last["who"], last["review"], last["reviewed_by"]) == ("gd-bureau", "approved", "nso-reviewer")


def test_province_may_not_write_another(client: TestClient, token) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    before = counts(client)
    r = client.post(
        "/api/observations", json=body(row(), row("CN-JS"), row("CN-JS", period="2019")), headers=gd
    )
    assert r.status_code == 403
    err = r.json()
    assert "CN-JS" in err["error"] and "nothing was written" in err["error"]
    assert [(p["index"], p["value"]) for p in err["problems"]] == [(1, "CN-JS"), (2, "CN-JS")]
    assert err["allowed"]["areas"] == ["CN-GD"]
    assert counts(client) == before


def test_entity_token_writes_only_its_unit(client: TestClient, token, reviewer) -> None:
    e1 = token("firm-e1", "entity:E1")
    before = counts(client)
    for rows in ([row(entity="E2")], [row()], [row(entity="E1"), row(entity="E2", period="2019")]):
        r = client.post("/api/observations", json=body(*rows), headers=e1)
        assert r.status_code == 403, r.text
        assert r.json()["problems"][-1]["column"] == "entity"
    assert counts(client) == before
    r = client.post("/api/observations", json=body(row(entity="E1")), headers=e1)
    assert r.status_code == 201, r.text
    batch = r.json()["batch"]
    # the submitter sees its own batch; the public never sees a single unit's figure
    mine = client.get(f"/api/batches/{batch}/observations", headers=e1).json()
    assert [o["entity"] for o in mine] == ["E1"]
    approve(client, batch, reviewer)
    assert client.get("/api/observations", params={"entity": "E1"}).status_code == 422
    public = client.get("/api/observations", params={"area": "CN-GD", "limit": 100000}).json()
    assert all(o["entity"] == "" for o in public)


def test_invalid_rows_give_the_full_problem_list(client: TestClient, token) -> None:
    admin = token("nso", "area:*")
    before = counts(client)
    rows = [row(), row(indicator="no_such_thing"), row(period="20X0"), row(value=150.0, period="2018")]
    r = client.post("/api/observations", json=body(*rows), headers=admin)
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert {(p["index"], p["column"]) for p in problems} >= {(1, "indicator"), (2, "period"), (3, "value")}
    assert "nothing was written" in r.json()["error"]
    assert counts(client) == before


def test_schema_violations_are_422_with_row_index(client: TestClient, token) -> None:
    admin = token("nso", "area:*")
    r = client.post(
        "/api/observations", json={"rows": [row(), {"area": "CN", "period": "2020"}]}, headers=admin
    )
    assert r.status_code == 422
    assert {p["index"] for p in r.json()["problems"]} == {1}


def test_unknown_source_is_422(client: TestClient, token) -> None:
    admin = token("nso", "admin")
    r = client.post("/api/observations", json=body(row(), source="not_registered"), headers=admin)
    assert r.status_code == 422 and r.json()["problems"][0]["column"] == "source"


def _csv(*areas: str) -> bytes:
    frame = pd.DataFrame([row(a, period=str(2015 + i)) for i, a in enumerate(areas)])
    return frame.to_csv(index=False).encode()


def test_upload_csv_in_scope(client: TestClient, token, admin) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    files = {"file": ("gd.csv", _csv("CN-GD", "CN-GD"), "text/csv")}
    data = {"source": "mic2025_plan_table", "vintage": VINTAGE}
    r = client.post("/api/observations/file", files=files, data=data, headers=gd)
    assert r.status_code == 201, r.text
    assert r.json()["rows_added"] == 2
    again = client.post("/api/observations/file", files=files, data=data, headers=gd)
    assert again.status_code == 201 and again.json()["already_loaded"] is True
    # the batch names the uploaded file, not the server's temporary path
    origins = [b["origin"] for b in client.get("/api/batches", headers=admin).json()]
    assert "upload:gd.csv" in origins


def test_upload_out_of_scope_names_rows(client: TestClient, token) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    before = counts(client)
    files = {"file": ("mixed.csv", _csv("CN-GD", "CN-JS"), "text/csv")}
    r = client.post(
        "/api/observations/file",
        files=files,
        data={"source": "mic2025_plan_table", "vintage": VINTAGE},
        headers=gd,
    )
    assert r.status_code == 403
    assert [(p["file"], p["row"], p["value"]) for p in r.json()["problems"]] == [("mixed.csv", 3, "CN-JS")]
    assert counts(client) == before


def test_upload_invalid_file_is_422(client: TestClient, token) -> None:
    admin = token("nso", "area:*")
    before = counts(client)
    bad = b"indicator,area,period,value\nbroadband_penetration,CN,2020,abc\nnope,CN,2020,1\n"
    r = client.post(
        "/api/observations/file",
        files={"file": ("bad.csv", bad, "text/csv")},
        data={"source": "mic2025_plan_table", "vintage": VINTAGE},
        headers=admin,
    )
    assert r.status_code == 422
    assert {(p["row"], p["column"]) for p in r.json()["problems"]} >= {(2, "value"), (3, "indicator")}
    assert all(p["file"] == "bad.csv" for p in r.json()["problems"])
    assert counts(client) == before


@pytest.mark.parametrize("kind", ["parquet", "excel"])
def test_upload_other_formats(client: TestClient, token, kind: str) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    frame = pd.DataFrame([row(period="2018"), row(period="2019")]).assign(
        source="mic2025_plan_table", vintage=VINTAGE
    )
    buffer = io.BytesIO()
    if kind == "parquet":
        frame.to_parquet(buffer, index=False)
        name = "gd.parquet"
    else:
        frame.to_excel(buffer, index=False)
        name = "gd.xlsx"
    r = client.post("/api/observations/file", files={"file": (name, buffer.getvalue())}, headers=gd)
    assert r.status_code == 201, r.text
    assert r.json()["rows_added"] == 2


def test_sources_need_their_scope(client: TestClient, token) -> None:
    new = {"sources": [{"id": "gd_yearbook_2021", "title": "Guangdong Statistical Yearbook 2021"}]}
    r = client.post("/api/sources", json=new, headers=token("gd-bureau", "area:CN-GD"))
    assert r.status_code == 403 and "sources" in r.json()["error"]
    ok = client.post("/api/sources", json=new, headers=token("librarian", "sources"))
    assert ok.status_code == 201 and ok.json()["added"] == ["gd_yearbook_2021"]
    clash = {"sources": [{"id": "gd_yearbook_2021", "title": "Something else"}]}
    r = client.post("/api/sources", json=clash, headers=token("librarian2", "sources"))
    assert r.status_code == 409


def test_revoked_token_is_refused(client: TestClient, token, write_app) -> None:
    from mic2025.store.tokens import revoke_tokens

    gd = token("gd-bureau", "area:CN-GD")
    with write_app.state.publication.locked(write=True) as m:
        revoke_tokens(m.store.con, "gd-bureau")
    assert client.post("/api/observations", json=body(row()), headers=gd).status_code == 401


def test_write_refreshes_the_evaluation(client: TestClient, token, reviewer) -> None:
    def broadband(result: dict) -> list[dict]:
        return [r for r in result["headline"] if r["indicator"] == "broadband_penetration"]

    before = client.get("/api/evaluation", params={"area": "CN-GD", "as_of": "2021-06-30"}).json()
    assert before["area"] == "CN-GD" and not broadband(before)
    gd = token("gd-bureau", "area:CN-GD")
    rows = [row(period=str(y), value=v) for y, v in ((2015, 50.0), (2016, 60.0), (2017, 70.0))]
    r = client.post("/api/observations", json=body(*rows), headers=gd)
    assert r.status_code == 201
    pending = client.get("/api/evaluation", params={"area": "CN-GD", "as_of": "2021-06-30"}).json()
    assert not broadband(pending)  # a submission changes nothing public until approved
    approve(client, r.json()["batch"], reviewer)
    after = client.get("/api/evaluation", params={"area": "CN-GD", "as_of": "2021-06-30"}).json()
    assert {r["area"] for r in broadband(after)} == {"CN-GD"}
