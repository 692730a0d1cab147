"""Review before publication, tokens through the API, and the audit log.

A submission by a province's or an enterprise's token is stored but not public until
a reviewer approves it; a rejected one never is; entity figures never are; batches,
the audit log and tokens are for reviewers and admins; every write, decision and
token change is in the append-only audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

VINTAGE = "2021-03-01"


def post(client: TestClient, headers: dict[str, str], *rows: dict[str, Any]) -> dict[str, Any]:
    body = {"rows": list(rows), "source": "mic2025_plan_table", "vintage": VINTAGE}
    r = client.post("/api/observations", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def gd_row(period: str = "2020", value: float = 91.5, **extra: Any) -> dict[str, Any]:
    return {"indicator": "broadband_penetration", "area": "CN-GD", "period": period, "value": value, **extra}


def public(client: TestClient) -> list[dict[str, Any]]:
    params = {"area": "CN-GD", "indicator": "broadband_penetration", "all_vintages": "true"}
    return client.get("/api/observations", params=params).json()


def test_pending_until_approved_then_public(client: TestClient, token, reviewer) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    batch = post(client, gd, gd_row())
    assert batch["review"] == "pending" and public(client) == []
    # the submitter sees its batch and its rows; the public does not
    assert client.get(f"/api/batches/{batch['batch']}", headers=gd).json()["review"] == "pending"
    assert client.get(f"/api/batches/{batch['batch']}").status_code == 401
    other = token("js-bureau", "area:CN-JS")
    assert client.get(f"/api/batches/{batch['batch']}", headers=other).status_code == 404
    assert len(client.get(f"/api/batches/{batch['batch']}/observations", headers=gd).json()) == 1
    pending = client.get("/api/batches", params={"review": "pending"}, headers=reviewer).json()
    assert [b["id"] for b in pending] == [batch["batch"]]
    r = client.post(f"/api/batches/{batch['batch']}/approve", json={"note": "checked"}, headers=reviewer)
    assert r.status_code == 200 and r.json()["review"] == "approved" and r.json()["rows"] == 1
    assert [o["value"] for o in public(client)] == [91.5]
    # the dashboard reads through the same service
    page = client.get("/indicator/broadband_penetration", params={"area": "CN-GD"})
    assert page.status_code == 200


def test_rejected_is_never_public_and_can_be_resubmitted(client: TestClient, token, reviewer) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    first = post(client, gd, gd_row(value=11.0))
    r = client.post(f"/api/batches/{first['batch']}/reject", headers=reviewer)
    assert r.status_code == 200 and r.json()["review"] == "rejected"
    assert public(client) == []
    # decisions are final
    again = client.post(f"/api/batches/{first['batch']}/approve", headers=reviewer)
    assert again.status_code == 409 and "final" in again.json()["error"]
    # the corrected figure (same identity, other value) is accepted as a new submission
    second = post(client, gd, gd_row(value=91.5))
    assert second["rows_added"] == 1
    client.post(f"/api/batches/{second['batch']}/approve", headers=reviewer)
    assert [o["value"] for o in public(client)] == [91.5]


def test_four_eyes_and_scopes(client: TestClient, token) -> None:
    both = token("gd-reviewer", "area:CN-GD", "review")
    batch = post(client, both, gd_row())
    r = client.post(f"/api/batches/{batch['batch']}/approve", headers=both)
    assert r.status_code == 403 and "another reviewer" in r.json()["error"]
    gd = token("gd-bureau", "area:CN-GD")
    assert client.post(f"/api/batches/{batch['batch']}/approve", headers=gd).status_code == 403
    assert client.get("/api/batches", headers=gd).status_code == 403
    assert client.get("/api/audit", headers=gd).status_code == 403
    assert client.post("/api/batches/no-such-batch/approve", headers=token("r2", "review")).status_code == 404


def test_admin_writes_are_published_at_once(client: TestClient, admin) -> None:
    batch = post(client, admin, gd_row())
    assert batch["review"] == "approved"
    assert [o["value"] for o in public(client)] == [91.5]


def test_entity_figures_are_never_public(client: TestClient, token, reviewer) -> None:
    firm = token("firm-e1", "entity:E1")
    batch = post(client, firm, gd_row(entity="E1", value=55.0))
    client.post(f"/api/batches/{batch['batch']}/approve", headers=reviewer)
    assert public(client) == []
    assert client.get("/api/observations", params={"entity": "E1"}).status_code == 422
    evaluation = client.get("/api/evaluation", params={"area": "CN-GD"}).json()
    assert all(r["evidence_value"] != 55.0 for r in evaluation["headline"])
    # the reviewer still sees what the unit sent
    rows = client.get(f"/api/batches/{batch['batch']}/observations", headers=reviewer).json()
    assert [(r["entity"], r["value"]) for r in rows] == [("E1", 55.0)]


def test_batches_and_file_names_are_not_public(client: TestClient, token) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    csv = b"indicator,area,period,value\nbroadband_penetration,CN-GD,2019,80\n"
    data = {"source": "mic2025_plan_table", "vintage": VINTAGE}
    r = client.post("/api/observations/file", files={"file": ("secret-name.csv", csv)}, data=data, headers=gd)
    assert r.status_code == 201, r.text
    for path in ("/api/batches", "/api/audit", "/api/tokens"):
        assert client.get(path).status_code == 401, path
    for path in ("/api/observations", "/api/sources", "/api/evaluation", "/"):
        text = client.get(path).text
        assert "secret-name" not in text and "gd-bureau" not in text, path


def test_tokens_through_the_api(client: TestClient, admin, token) -> None:
    r = client.post("/api/tokens", json={"name": "js-bureau", "scopes": ["area:CN-JS"]}, headers=admin)
    assert r.status_code == 201, r.text
    secret = r.json()["token"]
    js = {"Authorization": f"Bearer {secret}"}
    row = {"indicator": "broadband_penetration", "area": "CN-JS", "period": "2020", "value": 70.0}
    post(client, js, row)
    listed = client.get("/api/tokens", headers=admin).json()
    mine = next(t for t in listed if t["name"] == "js-bureau")
    assert mine["active"] and mine["scopes"] == ["area:CN-JS"] and "token" not in mine
    assert secret not in client.get("/api/tokens", headers=admin).text
    assert client.delete("/api/tokens/js-bureau", headers=admin).json()["revoked"] == 1
    # effective on the very next request
    r = client.post("/api/observations", json={"rows": [row]}, headers=js)
    assert r.status_code == 401
    assert client.delete("/api/tokens/nobody", headers=admin).status_code == 404
    bad = client.post("/api/tokens", json={"name": "x", "scopes": ["area:XX-YY"]}, headers=admin)
    assert bad.status_code == 422
    gd = token("gd-bureau", "area:CN-GD")
    assert client.get("/api/tokens", headers=gd).status_code == 403
    assert client.post("/api/tokens", json={"name": "me", "scopes": ["admin"]}, headers=gd).status_code == 403


def test_expired_token_is_refused(client: TestClient, token, write_app) -> None:
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    gd = token("gd-short", "area:CN-GD", expires_at=soon)
    post(client, gd, gd_row())
    import time

    time.sleep(max(0.0, (soon - dt.datetime.now(dt.UTC)).total_seconds()) + 0.2)
    r = client.post("/api/observations", json={"rows": [gd_row("2019")]}, headers=gd)
    assert r.status_code == 401 and "expired" in r.json()["error"]
    from mic2025.store.tokens import list_tokens

    with write_app.state.publication.locked() as m:
        row = next(t for t in list_tokens(m.store.con) if t["name"] == "gd-short")
    assert row["expired"] and not row["active"]


def test_audit_log_records_every_write_decision_and_token(client: TestClient, token, admin, reviewer) -> None:
    gd = token("gd-bureau", "area:CN-GD")
    batch = post(client, gd, gd_row())
    client.post(f"/api/batches/{batch['batch']}/approve", json={"note": "ok"}, headers=reviewer)
    client.post("/api/sources", json={"sources": [{"id": "gd_2021", "title": "GD yearbook"}]}, headers=admin)
    client.delete("/api/tokens/gd-bureau", headers=admin)
    log = client.get("/api/audit", params={"limit": 10000}, headers=reviewer).json()
    events = [(e["actor"], e["action"], e["target"]) for e in log]
    assert ("gd-bureau", "batch.write", batch["batch"]) in events
    assert ("nso-reviewer", "batch.approve", batch["batch"]) in events
    assert ("nso-admin", "sources.add", "gd_2021") in events
    assert ("nso-admin", "token.revoke", "gd-bureau") in events
    assert any(a == "token.add" and t == "gd-bureau" for _, a, t in events)
    only = client.get("/api/audit", params={"action": "batch.approve"}, headers=reviewer).json()
    assert {e["action"] for e in only} == {"batch.approve"} and '"ok"' in only[-1]["detail"]
    # the log only grows: no endpoint changes or deletes it
    spec = client.get("/openapi.json").json()["paths"]["/api/audit"]
    assert set(spec) == {"get"}
    assert client.delete("/api/audit", headers=admin).status_code == 405


def test_store_offers_no_way_to_change_the_audit_log() -> None:
    import mic2025.store.audit as audit

    public_names = {n for n in dir(audit) if not n.startswith("_")}
    assert not any(word in n.lower() for n in public_names for word in ("update", "delete", "remove", "edit"))


def test_entity_rows_never_reach_the_indicator_page(client: TestClient, admin) -> None:
    """The 19 MB indicator page of the issue: 72,000 unit rows were rendered. Unit rows
    are not public, so however many are stored the page and the public list stay the same."""
    path = "/indicator/broadband_penetration"
    before_page = len(client.get(path).content)
    before_total = int(client.get("/api/observations", params={"limit": 1}).headers["x-total-count"])
    rows = [gd_row(period=str(2000 + i % 20), value=float(i % 90), entity=f"E{i}") for i in range(3000)]
    batch = post(client, admin, *rows)
    assert batch["review"] == "approved" and batch["rows_added"] == 3000
    assert abs(len(client.get(path).content) - before_page) < 2000
    assert int(client.get("/api/observations", params={"limit": 1}).headers["x-total-count"]) == before_total
