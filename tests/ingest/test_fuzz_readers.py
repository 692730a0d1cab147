"""Hostile input for every reader: random bytes, damaged real files and CSV text of any
kind.  A reader either yields text tables or raises IngestError with a reason; it
never raises anything else (which the API would answer with a 500) and never hangs.

Sized by the project's Hypothesis profile (``profiles.examples``): the same examples
on every CI run, twenty times as many with ``HYPOTHESIS_PROFILE=wide``.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mic2025.ingest import IngestError
from mic2025.ingest.readers import READERS, iter_chunks, open_reader
from profiles import examples

SUFFIX = {"csv": ".csv", "excel": ".xlsx", "parquet": ".parquet", "sdmx-csv": ".csv"}
TRIED: dict[str, int] = {}


def read_all(data: bytes, suffix: str, fmt: str | None) -> list[pa.Table]:
    """Read ``data`` as a file; IngestError is the only way to refuse it."""
    with tempfile.TemporaryDirectory(prefix="mic2025-fuzz-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            reader = open_reader(path, fmt)
            tables = list(iter_chunks(path, reader, rows=64))
        except IngestError as exc:
            assert exc.problems and all(p.reason for p in exc.problems)
            return []
    for table in tables:
        assert isinstance(table, pa.Table)
        assert all(pa.types.is_string(t) or pa.types.is_int64(t) for t in table.schema.types)
    return tables


def _count(name: str) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1


def valid_files() -> dict[str, bytes]:
    frame = pd.DataFrame(
        {
            "indicator": ["broadband_penetration", "broadband_penetration"],
            "area": ["CN", "CN-GD"],
            "period": ["2020", "2019"],
            "value": [91.5, 80.25],
            "vintage": ["2021-03-01", "2020-03-01"],
            "note": ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)"],
        }
    )
    out = {"csv": frame.to_csv(index=False).encode()}
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    out["excel"] = buffer.getvalue()
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    out["parquet"] = buffer.getvalue()
    out["sdmx-csv"] = (
        b"DATAFLOW,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
        b"MIC:X(1.0),I,broadband_penetration,CN,2020,91.5\n"
    )
    return out


VALID = valid_files()
FORMATS = [r.name for r in READERS]


def test_every_reader_is_fuzzed() -> None:
    assert set(FORMATS) <= set(SUFFIX), "a new reader needs a suffix here, and so a fuzz test"
    for fmt in FORMATS:
        assert read_all(VALID[fmt], SUFFIX[fmt], fmt), fmt  # the seeds themselves read


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096))
def test_random_bytes(fmt: str, data: bytes) -> None:
    _count(f"random bytes as {fmt}")
    read_all(data, SUFFIX[fmt], fmt)


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx", ".parquet", ".txt", ".xlsm", ""])
)
def test_random_bytes_detected(data: bytes, suffix: str) -> None:
    """Format detection by name and first bytes, then the reader it picks."""
    _count("random bytes, detected")
    read_all(data, suffix, None)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_real_files(fmt: str, data: st.DataObject) -> None:
    """A real file truncated, with bytes overwritten, or with a slice repeated."""
    _count(f"damaged {fmt}")
    raw = bytearray(VALID[fmt])
    kind = data.draw(st.sampled_from(["truncate", "flip", "splice"]))
    if kind == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    elif kind == "flip":
        for _ in range(data.draw(st.integers(1, 16))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    else:
        a = data.draw(st.integers(0, len(raw)))
        b = data.draw(st.integers(a, min(len(raw), a + 512)))
        raw = raw[:b] + raw[a:b] * data.draw(st.integers(1, 4)) + raw[b:]
    read_all(bytes(raw), SUFFIX[fmt], fmt)


CELL = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30
) | st.sampled_from(
    ['"', '""', "\n", "\r\n", ",", "\x00", "=cmd|' /C calc'!A0", "１２３", "NaN", "-", "1e309"]
)


@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(CELL, min_size=1, max_size=6),
    rows=st.lists(st.lists(CELL, max_size=8), max_size=12),
    bom=st.booleans(),
)
def test_csv_text_of_any_kind(header: list[str], rows: list[list[str]], bom: bool) -> None:
    """Any cells, quoted or not, ragged rows, embedded newlines and NULs."""
    _count("CSV text")

    def line(cells: list[str]) -> str:
        return ",".join(
            ('"' + c.replace('"', '""') + '"') if any(x in c for x in ',"\n\r') else c for c in cells
        )

    text = "\n".join([line(header), *(line(r) for r in rows)]) + "\n"
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass")
    for fmt in ("csv", "sdmx-csv"):
        read_all(data, ".csv", fmt)


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(
        st.one_of(st.none(), st.integers(-(2**62), 2**62), st.floats(allow_nan=True), CELL, st.booleans()),
        min_size=4,
        max_size=24,
    )
)
def test_workbooks_with_any_cells(cells: list[object]) -> None:
    """Real workbooks whose cells hold anything openpyxl can write."""
    import openpyxl

    _count("workbook cells")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "area", "period", "value"])
    for i in range(0, len(cells) - 3, 4):
        values = []
        for v in cells[i : i + 4]:
            if isinstance(v, str):  # openpyxl refuses control characters in cells
                v = "".join(ch for ch in v if ch >= " " or ch in "\t\n\r")
            values.append(v)
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    read_all(buffer.getvalue(), ".xlsx", "excel")


def test_zip_bomb_workbook_is_refused() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", b"<a>" + b"0" * (80 * 2**20) + b"</a>")
    assert read_all(buffer.getvalue(), ".xlsx", "excel") == []


def test_report_inputs_tried() -> None:
    """Not a check: prints how many inputs each property tried (run with -s)."""
    print("inputs tried:", dict(sorted(TRIED.items())), "total", sum(TRIED.values()))
