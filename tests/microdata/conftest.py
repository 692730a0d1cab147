"""Fixtures: a small synthetic panel, one SparkSession per test run, the PostgreSQL URL."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mic2025.microdata.synthetic import write_panel

SMALL_N = 3_000
SMALL_YEARS = range(2019, 2022)


@pytest.fixture(scope="session")
def small_panel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 000 enterprises × 3 years: thin inland cells, so suppression really happens."""
    return write_panel(
        tmp_path_factory.mktemp("panel") / "panel.parquet", n_enterprises=SMALL_N, years=SMALL_YEARS, seed=7
    )


@pytest.fixture(scope="session")
def spark():
    """One local SparkSession for the whole run (it takes ~10 s to start)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java: install Debian's default-jre-headless (.ci/run does)")
    pytest.importorskip("pyspark", reason="pyspark is not installed (extra 'spark')")
    from mic2025.microdata.backends import local_spark

    session = local_spark(cores="2", shuffle_partitions=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("MIC2025_PG_URL")
    if not url:
        pytest.skip("MIC2025_PG_URL is not set: start a server with .ci/start-postgres.sh")
    return url
