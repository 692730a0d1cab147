"""The CLI, the roll-up, the REST API and the report count the same targets the same way."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import mic2025
from mic2025.cli.main import app
from mic2025.evaluate.status import STATUSES

AS_OF = "2021-06-30"


@pytest.mark.parametrize("milestone", [None, 2020, 2025])
def test_every_output_gives_the_same_counts(bundled_db: Path, milestone: int | None) -> None:
    extra = ["--milestone", str(milestone)] if milestone else []
    query = {"as_of": AS_OF, **({"milestone": milestone} if milestone else {})}
    runner = CliRunner()

    headline = runner.invoke(
        app, ["evaluate", "--db", str(bundled_db), "--as-of", AS_OF, "-f", "json", *extra]
    )
    assert headline.exit_code == 0, headline.output
    cli = Counter(r["status"] for r in json.loads(headline.output) if not r["proxy"])

    rolled = runner.invoke(
        app,
        ["evaluate", "--db", str(bundled_db), "--as-of", AS_OF, "--rollup", "category", "-f", "json", *extra],
    )
    rollup = Counter()
    for r in json.loads(rolled.output):
        rollup.update({s: r[s] for s in STATUSES})

    from mic2025.web import create_app

    api_app = create_app(str(bundled_db))
    try:
        api = TestClient(api_app).get("/api/evaluation", params=query).json()["counts"]
    finally:
        api_app.state.publication.close()

    from mic2025.report import gather

    with mic2025.open(bundled_db, read_only=True) as m:
        model = gather(m, "en", milestone=milestone, as_of=dt.date.fromisoformat(AS_OF))
    report = {c["status"].code: c["headline"] for c in model.counts}

    expected = {s: cli.get(s, 0) for s in STATUSES}
    assert sum(expected.values()) > 0
    assert {s: rollup.get(s, 0) for s in STATUSES} == expected
    assert api == expected
    assert report == expected
