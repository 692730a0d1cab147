"""The same store behaviour on a real PostgreSQL server (started by scripts/test.sh)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

PG_URL = os.environ.get("MIC2025_PG_URL")


@pytest.fixture()
def pg_monitor(tiny_plan):
    if not PG_URL:
        pytest.skip("MIC2025_PG_URL is not set (scripts/test.sh starts a server)")
    import psycopg

    import mic2025

    schema_db = f"mic_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {schema_db}")
    url = PG_URL.rsplit("/", 1)[0] + "/" + schema_db
    m = mic2025.open(url, plan=tiny_plan, create=True)
    m.add_sources([{"id": "src_a", "title": "Source A"}])
    yield m
    m.close()
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {schema_db}")


def _csv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(["indicator,area,period,value,source,vintage", *rows]) + "\n")
    return path


def test_postgres_store_keeps_vintages_and_reads_as_of(pg_monitor, tmp_path: Path) -> None:
    pg_monitor.ingest(_csv(tmp_path / "v1.csv", "broadband_penetration,CN,2016,60,src_a,2017-01-15"))
    pg_monitor.ingest(_csv(tmp_path / "v2.csv", "broadband_penetration,CN,2016,61.4,src_a,2017-07-25"))
    again = pg_monitor.ingest(
        _csv(tmp_path / "v2.csv", "broadband_penetration,CN,2016,61.4,src_a,2017-07-25")
    )
    assert again.already_loaded
    assert list(pg_monitor.observations().value) == [61.4]
    assert list(pg_monitor.observations(as_of="2017-03-01").value) == [60.0]
    assert len(pg_monitor.observations(all_vintages=True)) == 2
    assert pg_monitor.store.is_postgres


def test_postgres_rejected_batch_writes_nothing(pg_monitor, tmp_path: Path) -> None:
    from mic2025.ingest import IngestError

    with pytest.raises(IngestError):
        pg_monitor.ingest(
            _csv(
                tmp_path / "bad.csv",
                "broadband_penetration,CN,2016,60,src_a,2017-01-15",
                "broadband_penetration,CN,2017,oops,src_a,2017-01-15",
            )
        )
    assert pg_monitor.observations().empty
    assert pg_monitor.batches().empty
