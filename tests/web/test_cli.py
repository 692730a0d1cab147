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


def test_expiry_and_review_desk(tmp_path: Path) -> None:
    import datetime as dt

    import pandas as pd

    from mic2025.store.tokens import list_tokens
    from mic2025.web.cli import review_app

    db = str(tmp_path / "t.duckdb")
    mic2025.init(db, bundled=False).close()
    past = runner.invoke(
        app, ["add", "--name", "x", "--scope", "admin", "--expires", "2001-01-01", "--db", db]
    )
    assert past.exit_code == 2 and "past" in past.output
    ok = runner.invoke(app, ["add", "--name", "gd", "--scope", "area:CN-GD", "--days", "30", "--db", db])
    assert ok.exit_code == 0 and "valid until" in ok.output
    with mic2025.open(db) as m:
        (row,) = list_tokens(m.store.con)
    assert (
        dt.timedelta(days=29)
        < row["expires_at"] - dt.datetime.now(dt.UTC).replace(tzinfo=None)
        <= dt.timedelta(days=30)
    )
    assert "\t-\t" not in runner.invoke(app, ["list", "--db", db]).stdout  # the expiry is shown

    frame = pd.DataFrame(
        [{"indicator": "broadband_penetration", "area": "CN-GD", "period": "2019", "value": 1.0}]
    )
    with mic2025.open(db) as m:
        m.add_sources([{"id": "s", "title": "S"}])
        with m.store.submitting("pending"):
            pending = m.write_observations(
                frame, source="s", origin="api", who="gd", vintage="2020-06-01"
            ).batch
        with m.store.submitting("pending"):
            other = m.write_observations(
                frame.assign(period="2018"), source="s", origin="api", who="gd", vintage="2020-06-01"
            ).batch
        assert m.observations().empty  # nothing public yet
    listed = runner.invoke(review_app, ["list", "--db", db])
    assert pending in listed.stdout and other in listed.stdout
    assert runner.invoke(review_app, ["approve", pending, "--note", "ok", "--db", db]).exit_code == 0
    assert runner.invoke(review_app, ["reject", other, "--db", db]).exit_code == 0
    again = runner.invoke(review_app, ["approve", other, "--db", db])
    assert again.exit_code == 1 and "final" in again.output
    with mic2025.open(db) as m:
        assert list(m.observations()["period"]) == ["2019"]
    assert "no pending batches" in runner.invoke(review_app, ["list", "--db", db]).output
