"""``report_command`` writes the file it is asked for and refuses bad options."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from mic2025.report.cli import report_command

app = typer.Typer()
app.command()(report_command)
runner = CliRunner()


def test_report_command_writes_html(bundled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app,
        [
            "--db",
            str(bundled_db),
            "--lang",
            "zh-Hant",
            "--format",
            "html",
            "--milestone",
            "2025",
            "--as-of",
            "2024-12-31",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "期末評估報告" in html and "2024-12-31" in html


def test_report_command_refuses_bad_options(bundled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    for args in (["--lang", "fr"], ["--format", "docx"], ["--milestone", "2030"], ["--as-of", "soon"]):
        result = runner.invoke(app, ["--db", str(bundled_db), "--out", str(out), *args])
        assert result.exit_code == 2, args
    assert not out.exists()


def test_report_carries_todays_date_unless_given(bundled_db: Path, tmp_path: Path) -> None:
    import datetime as dt

    out = tmp_path / "r.html"
    args = ["--db", str(bundled_db), "--milestone", "2020", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    today = dt.date.today().isoformat()
    assert f"<dt>Report date</dt><dd>{today}</dd>" in out.read_text(encoding="utf-8")
    assert runner.invoke(app, [*args, "--date", "2026-01-31"]).exit_code == 0
    assert "<dt>Report date</dt><dd>2026-01-31</dd>" in out.read_text(encoding="utf-8")
