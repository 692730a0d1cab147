"""Every input format reads into the same text table with spreadsheet row numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mic2025.ingest import IngestError, detect_format, read_table

ROWS = [
    ("broadband_penetration", "CN", "2016", "61.4"),
    ("broadband_penetration", "CN-GD", "2016-Q2", "56.6"),
]


def _csv(path: Path) -> Path:
    lines = ["indicator,area,period,value"] + [",".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _excel(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Area", "Period", "Value"])
    for ind, area, period, value in ROWS:
        sheet.append([ind, area, period if "-" in period else int(period), float(value)])
    book.save(path)
    return path


def _parquet(path: Path) -> Path:
    pq.write_table(
        pa.table(
            {
                "indicator": [r[0] for r in ROWS],
                "area": [r[1] for r in ROWS],
                "period": [r[2] for r in ROWS],
                "value": [float(r[3]) for r in ROWS],
            }
        ),
        path,
    )
    return path


def _sdmx(path: Path) -> Path:
    lines = ["DATAFLOW,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS"] + [
        f"MIC:MIC2025(1.0),{i},{a},{p},{v},A" for i, a, p, v in ROWS
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sdmx_labelled(path: Path) -> Path:
    lines = [
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR: Indicator,REF_AREA: Reference area,"
        "TIME_PERIOD: Time,OBS_VALUE: Observation value"
    ] + [f"dataflow,MIC:MIC2025(1.0),I,{i}: Broadband,{a}: Somewhere,{p},{v}" for i, a, p, v in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("maker", "name", "fmt"),
    [
        (_csv, "in.csv", "csv"),
        (_excel, "in.xlsx", "excel"),
        (_parquet, "in.parquet", "parquet"),
        (_sdmx, "sdmx.csv", "sdmx-csv"),
        (_sdmx_labelled, "sdmx2.csv", "sdmx-csv"),
    ],
)
def test_every_format_reads_the_same_rows(tmp_path: Path, maker, name: str, fmt: str) -> None:
    path = maker(tmp_path / name)
    assert detect_format(path) == fmt
    table, detected = read_table(path)
    assert detected == fmt
    got = [(r["indicator"], r["area"], r["period"], float(r["value"]), r["_row"]) for r in table.to_pylist()]
    assert got == [
        ("broadband_penetration", "CN", "2016", 61.4, 2),
        ("broadband_penetration", "CN-GD", "2016-Q2", 56.6, 3),
    ]


def test_sdmx_delete_action_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "del.csv"
    path.write_text(
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
        "dataflow,MIC:X(1.0),D,broadband_penetration,CN,2016,1\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="ACTION"):
        read_table(path)


def test_unknown_suffix_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(IngestError, match="unknown file type"):
        read_table(path)
