"""Read endpoints: public, JSON, every figure with its source and vintage."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from mic2025.evaluate.methods import METHODS
from mic2025.evaluate.status import STATUSES, status_label
from mic2025.plan import default_plan

PLAN = default_plan()


def test_plan_in_each_language(reader: TestClient) -> None:
    for lang in ("en", "ja", "zh-Hant"):
        body = reader.get("/api/plan", params={"lang": lang}).json()
        assert body["title"] == PLAN.title.get(lang)
        assert [s["year"] for s in body["steps"]] == [2025, 2035, 2049]
        assert body["projects"] and all("text" in t for p in body["projects"] for t in p["targets"])


def test_unknown_language_is_a_json_422(reader: TestClient) -> None:
    r = reader.get("/api/plan", params={"lang": "fr"})
    assert r.status_code == 422
    assert r.json()["problems"][0]["column"] == "query.lang"
    assert "error" in r.json()


def test_indicators_are_labelled(reader: TestClient) -> None:
    body = reader.get("/api/indicators", params={"lang": "ko"}).json()
    assert len(body) == len(PLAN.indicators)
    bb = next(i for i in body if i["id"] == "broadband_penetration")
    assert bb["label"] == PLAN.indicator("broadband_penetration").labels.get("ko")
    assert bb["targets"][0]["year"] == 2020


def test_observations_carry_source_and_vintage(reader: TestClient) -> None:
    rows = reader.get("/api/observations", params={"indicator": "broadband_penetration"}).json()
    assert len(rows) > 5
    assert all(r["source"] and r["vintage"] and r["batch"] for r in rows)
    assert {r["indicator"] for r in rows} == {"broadband_penetration"}
    sources = {s["id"] for s in reader.get("/api/sources").json()}
    assert {r["source"] for r in rows} <= sources


def test_as_of_hides_later_vintages(reader: TestClient) -> None:
    cutoff = "2017-01-01"
    now = reader.get("/api/observations", params={"indicator": "broadband_penetration"}).json()
    then = reader.get(
        "/api/observations", params={"indicator": "broadband_penetration", "as_of": cutoff}
    ).json()
    assert 0 < len(then) < len(now)
    assert all(dt.date.fromisoformat(r["vintage"]) <= dt.date.fromisoformat(cutoff) for r in then)
    every = reader.get(
        "/api/observations", params={"indicator": "broadband_penetration", "all_vintages": "true"}
    ).json()
    assert len(every) >= len(now)


def test_bad_date_is_rejected_with_the_parameter_named(reader: TestClient) -> None:
    for bad in ("yesterday", "0", "2020-1-1"):
        r = reader.get("/api/observations", params={"as_of": bad})
        assert r.status_code == 422, bad
        assert "as_of" in r.json()["error"]


def test_control_characters_in_filters_are_422(reader: TestClient) -> None:
    r = reader.get("/api/observations", params={"entity": "\x00"})
    assert r.status_code == 422 and "entity" in r.json()["error"]


def test_batches_and_sources(reader: TestClient, read_admin: dict[str, str]) -> None:
    assert reader.get("/api/batches").status_code == 401  # token and file names are not public
    batches = reader.get("/api/batches", headers=read_admin).json()
    from mic2025.ingest.bundled import FOLDERS

    assert len(batches) == sum(len(files) for _folder, files in FOLDERS)
    assert all(b["who"] == "mic2025 init" and b["review"] == "approved" for b in batches)
    assert all(s["title"] for s in reader.get("/api/sources").json())


def test_evaluation_headline_and_rollup(reader: TestClient) -> None:
    body = reader.get("/api/evaluation", params={"lang": "ja"}).json()
    assert body["headline"] and body["rollup"]
    assert sum(body["counts"].values()) == sum(1 for r in body["headline"] if not r["proxy"])
    row = next(
        r for r in body["headline"] if r["target"] == "broadband_penetration_2020" and r["area"] == "CN"
    )
    assert row["status"] in STATUSES
    assert row["status_label"] == status_label(row["status"], "ja")
    assert set(row["methods"]) == set(METHODS)
    assert {r["dimension"] for r in body["rollup"]} >= {"category", "project"}


def test_evaluation_as_of_changes_what_is_known(reader: TestClient) -> None:
    early = reader.get("/api/evaluation", params={"as_of": "2016-01-01", "milestone": 2020}).json()
    late = reader.get("/api/evaluation", params={"milestone": 2020}).json()
    assert early["as_of"] == "2016-01-01"
    assert early["counts"]["insufficient_data"] > late["counts"]["insufficient_data"]
    assert all(r["target_year"] == 2020 for r in late["headline"])


def test_index(reader: TestClient) -> None:
    body = reader.get("/api/index/cae_mpdi", params={"years": "2015,2020"}).json()
    assert {s["year"] for s in body["scores"]} == {2015, 2020}
    china = next(s for s in body["scores"] if s["country"] == "CHN" and s["year"] == 2020)
    assert china["score"] is not None and set(china["dimensions"]) >= {"scale", "quality"}
    assert body["sources"]
    assert reader.get("/api/index/unido_cip", params={"years": "2019"}).status_code == 200


def test_index_refuses_paths_and_bad_years(reader: TestClient) -> None:
    assert reader.get("/api/index/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert reader.get("/api/index/my_spec").status_code == 422
    for bad in ("1000-9999", "2015;2016", "2015," * 60):
        r = reader.get("/api/index/cae_mpdi", params={"years": bad})
        assert r.status_code == 422 and "years" in r.json()["error"]


def test_no_docs_ui_but_openapi(reader: TestClient) -> None:
    assert reader.get("/docs").status_code == 404
    assert reader.get("/redoc").status_code == 404
    spec = reader.get("/openapi.json").json()
    assert "/api/observations" in spec["paths"]
    assert "422" in spec["paths"]["/api/evaluation"]["get"]["responses"]
    assert "cdn" not in reader.get("/openapi.json").text.lower()
