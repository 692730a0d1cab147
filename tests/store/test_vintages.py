"""The headline rule (store/vintages.py) and ``all_vintages`` + ``as_of``, on DuckDB and
on PostgreSQL: best source grade, then latest vintage, then later batch, then source id.

Each case is a few rows written in separate batches, so every step of the rule decides
one of them; the expected figure is written next to it.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import mic2025

IND = "broadband_penetration"
SOURCES = [
    {"id": "src_a", "title": "Source A"},  # no grade: ranks as secondary
    {"id": "src_b", "title": "Source B"},
    {"id": "src_c", "title": "Source C", "grade": "secondary"},
    {"id": "nbs", "title": "Statistical yearbook", "grade": "official_primary"},
    {"id": "reprint", "title": "Ministry reprint", "grade": "official_reprint"},
    {"id": "blog", "title": "Trade blog", "grade": "weak"},
]


def _postgres_url() -> str:
    url = os.environ.get("MIC2025_PG_URL")
    if not url:
        pytest.skip("MIC2025_PG_URL is not set (scripts/test.sh starts a server)")
    return url


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path, tiny_plan) -> Iterator[mic2025.Monitor]:
    """An empty store with six sources, on each backend (PostgreSQL: a database of its own)."""
    if request.param == "duckdb":
        m = mic2025.open(tmp_path / "store.duckdb", plan=tiny_plan, create=True)
        m.add_sources(SOURCES)
        yield m
        m.close()
        return
    import psycopg

    admin_url = _postgres_url()
    name = f"mic_v_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    m = mic2025.open(admin_url.rsplit("/", 1)[0] + "/" + name, plan=tiny_plan, create=True)
    try:
        assert m.store.is_postgres
        m.add_sources(SOURCES)
        yield m
    finally:
        m.close()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


_files = iter(range(10**6))


def load(m: mic2025.Monitor, tmp_path: Path, *rows: tuple[str, float, str, str]) -> None:
    """One batch of rows (period, value, source, vintage) for the broadband indicator."""
    path = tmp_path / f"batch{next(_files)}.csv"
    lines = ["indicator,area,period,value,source,vintage"]
    lines += [f"{IND},CN,{period},{value},{source},{vintage}" for period, value, source, vintage in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    m.ingest(path)


def figure(m: mic2025.Monitor, **kw) -> tuple[float, str]:
    obs = m.observations(**kw)
    assert len(obs) == 1, obs
    return float(obs.value.iloc[0]), str(obs.source.iloc[0])


def test_same_day_tie_goes_to_the_later_batch(store, tmp_path: Path) -> None:
    load(store, tmp_path, ("2016", 60.0, "src_b", "2017-01-15"))
    load(store, tmp_path, ("2016", 61.0, "src_a", "2017-01-15"))
    # same grade, same vintage: the later batch wins, although "src_b" > "src_a"
    assert figure(store) == (61.0, "src_a")
    assert figure(store, as_of="2017-01-15") == (61.0, "src_a")


def test_same_day_tie_in_one_batch_goes_to_the_greater_source_id(store, tmp_path: Path) -> None:
    load(store, tmp_path, ("2016", 61.0, "src_a", "2017-01-15"), ("2016", 60.0, "src_b", "2017-01-15"))
    assert figure(store) == (60.0, "src_b")


def test_later_vintage_wins_over_a_later_batch(store, tmp_path: Path) -> None:
    load(store, tmp_path, ("2016", 62.0, "src_a", "2017-07-25"))
    load(store, tmp_path, ("2016", 60.0, "src_b", "2017-01-15"))  # loaded later, published earlier
    assert figure(store) == (62.0, "src_a")
    assert figure(store, as_of="2017-07-24") == (60.0, "src_b")


def test_best_grade_wins_over_a_later_vintage(store, tmp_path: Path) -> None:
    load(store, tmp_path, ("2016", 60.0, "nbs", "2017-06-01"))
    load(store, tmp_path, ("2016", 65.0, "reprint", "2017-03-01"), ("2016", 66.0, "src_a", "2019-01-15"))
    assert figure(store) == (60.0, "nbs")
    # before the yearbook was out, the reprint was the best figure there was
    assert figure(store, as_of="2017-05-31") == (65.0, "reprint")
    assert store.observations(as_of="2017-02-28").empty


def test_grades_rank_official_reprint_secondary_ungraded_weak(store, tmp_path: Path) -> None:
    # one figure per period; later vintages for the weaker sources each time
    load(
        store,
        tmp_path,
        ("2016", 1.0, "reprint", "2017-01-01"),
        ("2016", 2.0, "src_c", "2018-01-01"),
        ("2017", 3.0, "src_c", "2018-01-01"),
        ("2017", 4.0, "blog", "2019-01-01"),
        ("2018", 5.0, "src_a", "2019-01-01"),  # ungraded counts as secondary ...
        ("2018", 6.0, "blog", "2020-01-01"),  # ... so it beats a weak source
        ("2019", 7.0, "src_c", "2020-01-01"),  # graded and ungraded secondary are alike:
        ("2019", 8.0, "src_a", "2021-01-01"),  # the later vintage wins
    )
    got = store.observations()
    assert list(zip(got.period, got.value, got.source, strict=True)) == [
        ("2016", 1.0, "reprint"),
        ("2017", 3.0, "src_c"),
        ("2018", 5.0, "src_a"),
        ("2019", 8.0, "src_a"),
    ]


def test_all_vintages_respects_as_of(store, tmp_path: Path) -> None:
    load(store, tmp_path, ("2016", 60.0, "src_a", "2017-01-15"))
    load(store, tmp_path, ("2016", 61.4, "src_a", "2017-07-25"))
    load(store, tmp_path, ("2016", 61.5, "src_a", "2018-03-01"), ("2017", 70.0, "src_b", "2018-03-01"))
    every = store.observations(all_vintages=True)
    assert list(zip(every.period, every.value, strict=True)) == [
        ("2016", 60.0),
        ("2016", 61.4),
        ("2016", 61.5),
        ("2017", 70.0),
    ]
    known = store.observations(all_vintages=True, as_of="2017-07-25")  # the day itself counts
    assert list(known.value) == [60.0, 61.4]
    assert list(store.observations(all_vintages=True, as_of=dt.date(2017, 7, 24)).value) == [60.0]
    assert store.observations(all_vintages=True, as_of="2017-01-14").empty
    # the headline figure at each date
    assert figure(store, as_of="2017-07-25") == (61.4, "src_a")
    assert list(store.observations(as_of="2018-03-01").value) == [61.5, 70.0]


def test_conflicts_list_each_source_once_and_mark_the_headline(store, tmp_path: Path) -> None:
    load(store, tmp_path, ("2016", 60.0, "src_a", "2017-01-15"), ("2016", 59.0, "nbs", "2017-01-15"))
    load(store, tmp_path, ("2016", 62.0, "src_a", "2018-01-15"))  # src_a revises itself
    got = store.conflicts()
    rows = sorted(zip(got.source, got.value, got.headline, strict=True))
    assert rows == [("nbs", 59.0, True), ("src_a", 62.0, False)]


# -- in_force itself, on tables made here ---------------------------------------------
def _in_force(rows: list[tuple], batches: list[tuple], as_of=None, grades=None, per_source=False):
    """``in_force`` on DuckDB memtables: rows (period, value, source, vintage, batch),
    batches (id, loaded_at), grades {source: grade}; returns sorted (period, value, source)."""
    import ibis

    from mic2025.store.vintages import in_force

    obs = ibis.memtable(
        {
            "indicator": [IND] * len(rows),
            "area": ["CN"] * len(rows),
            "sector": ["_T"] * len(rows),
            "entity": [""] * len(rows),
            "period": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "source": [r[2] for r in rows],
            "vintage": [dt.date.fromisoformat(r[3]) for r in rows],
            "batch": [r[4] for r in rows],
        }
    )
    bt = ibis.memtable({"id": [b[0] for b in batches], "loaded_at": [b[1] for b in batches]})
    src = None
    if grades is not None:
        src = ibis.memtable({"id": list(grades), "grade": list(grades.values())})
    con = ibis.duckdb.connect()
    got = con.to_pyarrow(in_force(obs, bt, as_of, sources=src, per_source=per_source)).to_pylist()
    return sorted((r["period"], r["value"], r["source"]) for r in got)


T1, T2 = dt.datetime(2024, 1, 1, 9), dt.datetime(2024, 1, 1, 10)


def test_in_force_without_sources_ranks_every_source_alike() -> None:
    rows = [("2016", 1.0, "official", "2017-01-01", "b1"), ("2016", 2.0, "weak", "2018-01-01", "b1")]
    assert _in_force(rows, [("b1", T1)]) == [("2016", 2.0, "weak")]
    graded = {"official": "official_primary", "weak": "weak"}
    assert _in_force(rows, [("b1", T1)], grades=graded) == [("2016", 1.0, "official")]


def test_in_force_breaks_ties_by_load_time_then_source() -> None:
    rows = [
        ("2016", 1.0, "a", "2017-01-01", "early"),
        ("2016", 2.0, "b", "2017-01-01", "late"),
        ("2017", 3.0, "b", "2017-01-01", "late"),
        ("2017", 4.0, "a", "2017-01-01", "late"),
        ("2018", 5.0, "b", "2017-01-01", "early"),  # a batch id that sorts after "early"...
        ("2018", 6.0, "a", "2017-01-01", "zzz"),  # ... and a later load time
    ]
    batches = [("early", T1), ("late", T2), ("zzz", T2 + dt.timedelta(seconds=1))]
    assert _in_force(rows, batches) == [("2016", 2.0, "b"), ("2017", 3.0, "b"), ("2018", 6.0, "a")]


def test_in_force_as_of_and_per_source() -> None:
    rows = [
        ("2016", 1.0, "a", "2017-01-01", "b1"),
        ("2016", 2.0, "a", "2017-06-01", "b1"),
        ("2016", 3.0, "b", "2017-03-01", "b1"),
    ]
    batches = [("b1", T1)]
    assert _in_force(rows, batches, as_of=dt.date(2017, 5, 31)) == [("2016", 3.0, "b")]
    assert _in_force(rows, batches, as_of=dt.date(2017, 6, 1)) == [("2016", 2.0, "a")]
    assert _in_force(rows, batches, as_of=dt.date(2016, 12, 31)) == []
    assert _in_force(rows, batches, per_source=True) == [("2016", 2.0, "a"), ("2016", 3.0, "b")]
    assert _in_force(rows, batches, as_of=dt.date(2017, 2, 1), per_source=True) == [("2016", 1.0, "a")]
