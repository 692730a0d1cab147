"""Every input format reads into the same text table with spreadsheet row numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mic2025.ingest import IngestError
from mic2025.ingest.readers import FORMAT_NAMES, READERS, detect, iter_chunks, open_reader, read_table

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
    assert detect(path).name == fmt
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


def test_formats_are_discovered_from_the_reader_modules() -> None:
    assert set(FORMAT_NAMES) == {"csv", "sdmx-csv", "excel", "parquet"}
    # SDMX-CSV is tried before plain CSV: both claim .csv
    assert FORMAT_NAMES.index("sdmx-csv") < FORMAT_NAMES.index("csv")
    assert all(r.suffixes and r.description for r in READERS)


def test_rows_are_numbered_across_chunks(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text(
        "indicator,area,period,value\n" + "".join(f"x,CN,{2000 + i % 20},{i}\n" for i in range(25)),
        encoding="utf-8",
    )
    reader = open_reader(path)
    chunks = list(iter_chunks(path, reader, rows=10))
    numbers = [n for chunk in chunks for n in chunk.column("_row").to_pylist()]
    assert numbers == list(range(2, 27))
    values = [v for chunk in chunks for v in chunk.column("value").to_pylist()]
    assert values == [str(i) for i in range(25)]


def test_sdmx_qualifier_codes_map_to_the_qualifier_column(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "DATAFLOW,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_QUALIFIER\n"
        "MIC:MIC2025(1.0),rd_intensity,CN,2024,1.6,GT\n",
        encoding="utf-8",
    )
    table, _ = read_table(path)
    assert table.column("qualifier").to_pylist() == ["GT"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("text.xlsx", b"indicator,area\nx,CN\n", "not a zip archive"),
        ("broken.parquet", b"PAR1 this is not parquet", "Parquet marker"),
        ("binary.csv", b"indicator,area\n\xff\xfe\x00\x81,CN\n", "not UTF-8"),
        ("short.csv", b"indicator,area,period\nx,CN\n", "Expected 3 columns"),
        ("empty.csv", b"", "no header row"),
    ],
)
def test_an_unreadable_file_is_a_clean_error_naming_it(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_table(path)
    message = str(caught.value)
    assert str(path) in message and reason in message


def test_a_malformed_csv_row_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("indicator,area,period\nx,CN,2016\ny,CN\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_table(path)
    assert caught.value.problems[0].row == 3


def test_a_zip_bomb_workbook_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch) -> None:
    import zipfile

    from mic2025.ingest.readers import excel

    monkeypatch.setattr(excel, "MAX_XLSX_BYTES", 1_000_000)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<row/>" * 400_000)  # 2.4 MB of XML, a few kB zipped
    assert path.stat().st_size < 50_000
    with pytest.raises(IngestError, match="expands to"):
        read_table(path)
