"""The plan extract command: TOML, JSON, options and clean errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extract.conftest import STRATEGY
from mic2025.cli.main import app

runner = CliRunner()


def test_extract_to_toml_and_check(tmp_path: Path) -> None:
    out = tmp_path / "draft.toml"
    result = runner.invoke(app, ["plan", "extract", str(STRATEGY / "ko.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # rich wraps at the terminal width, long paths anywhere
    assert "marked draft" in said
    check = runner.invoke(app, ["plan", "check", str(out)])
    assert check.exit_code == 0, check.output


def test_extract_json() -> None:
    result = runner.invoke(app, ["plan", "extract", str(STRATEGY / "zh-Hant.txt"), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [t["value"] for t in payload["targets"]] == [40, -50, -50, -50, 70, 80]
    first = payload["targets"][0]
    assert first["indicator"] == "innovation_centres_cum" and first["comparator"] == "~"
    assert {"quote", "start", "end", "phrase", "kind", "year", "draft"} <= set(first)


def test_extract_without_reference_uses_slugs() -> None:
    result = runner.invoke(app, ["plan", "extract", str(STRATEGY / "en.txt"), "--reference", "none"])
    assert result.exit_code == 0, result.output
    assert 'id = "x_green_demonstration_factories"' in result.output


def test_extract_errors_are_clean(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["plan", "extract", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 2 and "nope.pdf" in missing.output and "Traceback" not in missing.output
    bad_lang = runner.invoke(app, ["plan", "extract", str(STRATEGY / "en.txt"), "--lang", "fr"])
    assert bad_lang.exit_code == 2 and "language must be" in bad_lang.output


def test_help_does_not_import_the_extractor() -> None:
    import subprocess
    import sys

    code = "import sys; import mic2025.cli.main; print('mic2025.extract' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
