"""Read CSV, Excel, Parquet and SDMX-CSV files into one shape: text columns plus row numbers.

Every cell is read as text so that validation, not the reader, decides what is wrong
with a value, and can name the row it came from.  Row numbers count the header as row 1,
as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from mic2025.ingest.errors import IngestError, Problem

ROW = "_row"

FORMATS = ("csv", "sdmx-csv", "excel", "parquet")

SDMX_COLUMNS = {
    "INDICATOR": "indicator",
    "SERIES": "indicator",
    "MEASURE": "indicator",
    "REF_AREA": "area",
    "ACTIVITY": "sector",
    "SECTOR": "sector",
    "ENTITY": "entity",
    "TIME_PERIOD": "period",
    "OBS_VALUE": "value",
    "UNIT_MEASURE": "unit",
    "OBS_STATUS": "status",
    "SOURCE": "source",
    "VINTAGE": "vintage",
    "OBS_COMMENT": "note",
    "COMMENT": "note",
}
SDMX_FRAME_COLUMNS = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION"}


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return "excel"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix in (".csv", ".txt", ".tsv"):
        with path.open("r", encoding="utf-8-sig", errors="replace") as handle:
            first = handle.readline().split(",")[0].strip().strip('"').split(":")[0]
        return "sdmx-csv" if first.upper() in ("DATAFLOW", "STRUCTURE") else "csv"
    raise IngestError(
        path, [Problem(str(path), None, None, suffix, f"unknown file type; use one of {FORMATS}")]
    )


def read_table(path: Path, fmt: str | None = None) -> tuple[pa.Table, str]:
    """The file as text columns with lower-case names and a ``_row`` column."""
    fmt = fmt or detect_format(path)
    if not path.exists():
        raise IngestError(path, [Problem(str(path), None, None, None, "file not found")])
    try:
        if fmt in ("csv", "sdmx-csv"):
            table = _read_csv(path)
        elif fmt == "excel":
            table = _read_excel(path)
        elif fmt == "parquet":
            table = _as_text(pq.read_table(path))
        else:
            raise IngestError(path, [Problem(str(path), None, None, fmt, "unknown format")])
    except (pa.ArrowInvalid, ValueError, OSError) as exc:
        if isinstance(exc, IngestError):
            raise
        raise IngestError(path, [Problem(str(path), None, None, None, f"unreadable: {exc}")]) from exc
    if fmt == "sdmx-csv":
        table = _from_sdmx(path, table)
    else:
        table = table.rename_columns([c.strip().lower() for c in table.column_names])
    table = pa.table([_trimmed(c) for c in table.columns], names=table.column_names)
    rows = pa.array(range(2, table.num_rows + 2), pa.int64())
    return table.append_column(ROW, rows), fmt


def _trimmed(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Cells without surrounding blanks; only columns that have some are rewritten,
    because trimming every cell of a million-row file costs more than finding the few."""
    if column.type != pa.string():
        return column
    if pc.any(pc.match_substring_regex(column, r"^\s|\s$")).as_py():
        return pc.utf8_trim_whitespace(column)
    return column


def _read_csv(path: Path) -> pa.Table:
    # First pass over the header only, to ask for every column as text.
    with path.open("r", encoding="utf-8-sig") as handle:
        header = next(csv.reader([handle.readline()]))
    convert = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    return pacsv.read_csv(path, convert_options=convert)


def _read_excel(path: Path) -> pa.Table:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    columns: list[list[str]] = [[] for _ in header]
    for row in rows:
        if row is None or all(cell is None for cell in row):
            # keep row numbering aligned with the sheet: blank rows become empty records
            row = ()
        for i in range(len(header)):
            cell = row[i] if i < len(row) else None
            columns[i].append(_cell_text(cell))
    book.close()
    return pa.table({name: pa.array(col, pa.string()) for name, col in zip(header, columns, strict=True)})


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "date") and hasattr(cell, "isoformat"):
        return cell.date().isoformat() if hasattr(cell, "hour") else cell.isoformat()
    return str(cell)


def _as_text(table: pa.Table) -> pa.Table:
    """Parquet columns to text; dates in ISO form, nulls as empty strings."""
    arrays = []
    for column in table.columns:
        text = pc.cast(column, pa.string()) if column.type != pa.string() else column
        arrays.append(pc.fill_null(text, ""))
    return pa.table(arrays, names=table.column_names)


def _from_sdmx(path: Path, table: pa.Table) -> pa.Table:
    """Map SDMX-CSV (1.0 or 2.0, codes or 'CODE: label' headers) onto our columns."""
    problems: list[Problem] = []
    names, arrays = [], []
    multiplier = None
    for name, column in zip(table.column_names, table.columns, strict=True):
        code = name.split(":")[0].strip().upper()
        if code in SDMX_FRAME_COLUMNS:
            if code == "ACTION":
                bad = pc.and_(pc.not_equal(column, ""), pc.not_equal(pc.utf8_upper(column), "I"))
                if pc.any(bad).as_py():
                    problems.append(
                        Problem(
                            str(path),
                            None,
                            name,
                            None,
                            "only ACTION 'I' (information) is supported; revisions come as new vintages",
                        )
                    )
            continue
        if code == "UNIT_MULT":
            multiplier = column
            continue
        target = SDMX_COLUMNS.get(code, code.lower())
        # labelled SDMX-CSV writes 'CN: China'; keep the code
        if target not in ("value", "note"):
            column = pc.utf8_trim_whitespace(
                pc.replace_substring_regex(column, pattern=r":\s.*$", replacement="")
            )
        names.append(target)
        arrays.append(column)
    if problems:
        raise IngestError(path, problems)
    table = pa.table(arrays, names=names)
    if multiplier is not None:
        table = table.append_column("_unit_mult", multiplier)
    return table
