"""A store loaded with the bundled national figures once per session; each test that
writes gets its own copy of the file, so tests never see each other's batches."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mic2025.store.tokens import issue_token
from mic2025.web import create_app


@pytest.fixture(scope="session")
def read_app(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One app for read-only tests (they never write)."""
    copy = tmp_path_factory.mktemp("read") / "read.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy))
    yield app
    app.state.publication.close()


@pytest.fixture(scope="session")
def reader(read_app: FastAPI) -> TestClient:
    return TestClient(read_app)


@pytest.fixture(scope="session")
def read_admin(read_app: FastAPI) -> dict[str, str]:
    """An admin's Authorization header for the read app (batches, audit, tokens)."""
    with read_app.state.publication.locked(write=True) as m:
        secret = issue_token(m.store.con, "read-admin", ["admin"])
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture()
def write_app(bundled_db: Path, tmp_path: Path) -> Iterator[FastAPI]:
    copy = tmp_path / "write.duckdb"
    shutil.copy(bundled_db, copy)
    app = create_app(str(copy))
    yield app
    app.state.publication.close()


@pytest.fixture()
def client(write_app: FastAPI) -> TestClient:
    return TestClient(write_app)


@pytest.fixture()
def token(write_app: FastAPI):
    """``token(name, *scopes)`` -> Authorization header for a new token in the app's store."""

    def make(name: str, *scopes: str, expires_at=None) -> dict[str, str]:
        with write_app.state.publication.locked(write=True) as m:
            secret = issue_token(m.store.con, name, list(scopes), expires_at=expires_at)
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture()
def admin(token) -> dict[str, str]:
    return token("nso-admin", "admin")


@pytest.fixture()
def reviewer(token) -> dict[str, str]:
    return token("nso-reviewer", "review")
