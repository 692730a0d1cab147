"""``write_reports``: every language from one reading of the store, HTML unchanged, PDFs written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from mic2025.plan.model import LANGUAGES
from mic2025.report.batch import write_reports
from mic2025.report.cli import report_command

app = typer.Typer()
app.command()(report_command)
runner = CliRunner()


def test_batch_html_is_build_reports_html(monitor, htmls: dict[str, str], tmp_path: Path) -> None:
    """Reading and evaluating once must not change a byte of any language's report."""
    paths = write_reports(monitor, tmp_path, formats=("html",))
    assert [p.name for p in paths] == [f"report-{lang}.html" for lang in LANGUAGES]
    for lang in LANGUAGES:
        assert (tmp_path / f"report-{lang}.html").read_text(encoding="utf-8") == htmls[lang], lang


@pytest.mark.slow
def test_batch_pdfs_from_worker_processes(monitor, tmp_path: Path) -> None:
    """Two languages' PDFs laid out by two worker processes are whole, distinct reports."""
    paths = write_reports(monitor, tmp_path, langs=("en", "ko"), formats=("pdf",), workers=2)
    assert [p.name for p in paths] == ["report-en.pdf", "report-ko.pdf"]
    texts = []
    for path in paths:
        assert path.read_bytes().startswith(b"%PDF-")
        out = subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, check=True)
        texts.append("".join(out.stdout.decode("utf-8").split()))
    assert "MadeinChina2025" in texts[0]
    assert "중국제조2025" in texts[1]


def test_cli_lang_all_writes_every_language(bundled_db: Path, tmp_path: Path) -> None:
    args = ["--db", str(bundled_db), "--lang", "ALL", "--format", "html", "--out", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"report-{lang}.html" for lang in LANGUAGES)


def test_cli_lang_all_refuses_a_file_and_a_bad_format(bundled_db: Path, tmp_path: Path) -> None:
    afile = tmp_path / "r.html"
    afile.write_text("x")
    for args in (["--out", str(afile)], ["--out", str(tmp_path / "d"), "--format", "docx"]):
        result = runner.invoke(app, ["--db", str(bundled_db), "--lang", "all", *args])
        assert result.exit_code == 2, args
    assert not (tmp_path / "d").exists()
