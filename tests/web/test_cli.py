"""``mic2025 tokens``: a token is printed once, listed without its secret, and revoked."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import mic2025
from mic2025.store.tokens import resolve_token
from mic2025.web.cli import tokens_app as app

runner = CliRunner()


def test_add_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    mic2025.init(db, bundled=False).close()
    added = runner.invoke(
        app, ["add", "--name", "gd-bureau", "--scope", "area:CN-GD", "--scope", "sources", "--db", db]
    )
    assert added.exit_code == 0, added.output
    secret = added.stdout.strip().splitlines()[0]
    assert secret.startswith("mic_")
    with mic2025.open(db) as m:
        who = resolve_token(m.store.con, secret)
    assert who is not None and who.scopes == {"area:CN-GD", "sources"}

    listed = runner.invoke(app, ["list", "--db", db])
    assert "gd-bureau" in listed.stdout and "active" in listed.stdout and secret not in listed.stdout

    assert runner.invoke(app, ["revoke", "--name", "gd-bureau", "--db", db]).exit_code == 0
    with mic2025.open(db) as m:
        assert resolve_token(m.store.con, secret) is None
    assert "revoked" in runner.invoke(app, ["list", "--db", db]).stdout


def test_bad_scope_and_unknown_name(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    mic2025.init(db, bundled=False).close()
    bad = runner.invoke(app, ["add", "--name", "x", "--scope", "area:XX-YY", "--db", db])
    assert bad.exit_code == 2 and "unknown scope" in bad.output
    assert runner.invoke(app, ["revoke", "--name", "nobody", "--db", db]).exit_code == 1
