"""Where the store lives, that only ``init`` creates one, and waiting for a held file.

The issue behind these: a default store in the current directory meant a command run
from elsewhere (or with a mistyped ``--db``) silently made a new empty store; and every
command failed with a 58-line traceback while ``mic2025 serve`` held the file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mic2025.cli.main import app
from mic2025.store.connection import (
    ENV_DB,
    StoreBusy,
    StoreNotFound,
    connect,
    default_location,
    resolve_location,
)

runner = CliRunner()

HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_the_location_rule_never_uses_the_current_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(ENV_DB, raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_location(None) == str(tmp_path / "data" / "mic2025" / "mic2025.duckdb")
    assert default_location().is_absolute()
    monkeypatch.setenv(ENV_DB, "/srv/figures.duckdb")
    assert resolve_location(None) == "/srv/figures.duckdb"
    assert resolve_location("given.duckdb") == "given.duckdb"  # --db wins over the variable


def test_a_read_on_a_missing_store_says_so_and_creates_nothing(tmp_path: Path) -> None:
    where = tmp_path / "typo" / "nested" / "mic2025.duckdb"
    result = runner.invoke(app, ["scorecard", "--db", str(where)])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"no store at {where}: run `mic2025 init`" in said
    assert "Traceback" not in result.output
    assert not (tmp_path / "typo").exists()
    with pytest.raises(StoreNotFound):
        connect(str(where), read_only=True)
    assert not (tmp_path / "typo").exists()


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the DuckDB file for writing, as a running command does."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_a_held_store_is_waited_for_then_refused_with_one_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    connect(str(db), create=True).disconnect()
    child = _hold(db, 30)
    told: list[str] = []
    try:
        with pytest.raises(StoreBusy, match=rf"in use by another process \(process {child.pid}\)"):
            connect(str(db), wait=0.6, on_wait=told.append)
    finally:
        child.kill()
        child.wait()
    assert len(told) == 1 and "waiting up to 1 s" in told[0]


def test_a_write_command_waits_its_turn_and_then_writes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["init", "--db", str(db), "--no-data"]).exit_code == 0
    child = _hold(db, 1.5)
    try:
        result = runner.invoke(
            app,
            [
                "sources", "add", "--db", str(db), "--id", "held_then_free", "--title", "T",
                "--publisher", "P", "--published", "2025-03-01",
            ],
        )  # fmt: skip
    finally:
        child.wait()
    said = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "is in use by another process" in said and "waiting up to 30 s" in said
    listed = runner.invoke(app, ["sources", "list", "--db", str(db), "--format", "csv"])
    assert "held_then_free" in listed.output
