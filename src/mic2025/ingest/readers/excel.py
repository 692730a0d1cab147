"""Excel workbooks (.xlsx, .xlsm): the first sheet, a header row, one figure per row.

A workbook is a zip archive, and a few kilobytes of zip can expand to gigabytes of
XML.  Before anything is parsed the archive's declared sizes are checked against
``MIC2025_MAX_XLSX_BYTES`` (default 512 MiB in all, 64 MiB of shared strings, which
openpyxl holds in memory); rows are then streamed in chunks.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mic2025.ingest.readers.base import CHUNK_ROWS, DAMAGED, Reader, as_text

if TYPE_CHECKING:
    import pyarrow as pa

MAX_XLSX_BYTES = int(os.environ.get("MIC2025_MAX_XLSX_BYTES", 512 * 2**20))
MAX_SHARED_STRINGS_BYTES = 64 * 2**20


class ExcelReader(Reader):
    name: ClassVar[str] = "excel"
    suffixes: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm")
    description: ClassVar[str] = "Excel workbook (.xlsx, first sheet)"

    def chunks(self, path: Path, *, rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
        import openpyxl

        self._check_archive(path)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, zlib.error, *DAMAGED) as exc:
            raise self.unreadable(path, f"not a valid workbook ({type(exc).__name__}: {exc})"[:300]) from exc
        try:
            try:
                sheet_rows = book.worksheets[0].iter_rows(values_only=True)
                header = [str(h).strip() if h is not None else "" for h in next(sheet_rows, ())]
            except (zipfile.BadZipFile, zlib.error, *DAMAGED) as exc:
                raise self.unreadable(path, f"damaged sheet ({type(exc).__name__}: {exc})"[:300]) from exc
            if not any(header):
                raise self.unreadable(path, "the first sheet has no header row", 1)
            chunks = _chunked(sheet_rows, header, rows)
            while True:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except (zipfile.BadZipFile, zlib.error, *DAMAGED) as exc:
                    raise self.unreadable(path, f"damaged sheet ({type(exc).__name__}: {exc})"[:300]) from exc
                yield chunk
        finally:
            book.close()

    def _check_archive(self, path: Path) -> None:
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
        except zipfile.BadZipFile as exc:
            raise self.unreadable(path, "it is not a zip archive, as every .xlsx file is") from exc
        total = sum(m.file_size for m in members)
        shared = sum(m.file_size for m in members if m.filename.endswith("sharedStrings.xml"))
        if total > MAX_XLSX_BYTES or shared > MAX_SHARED_STRINGS_BYTES:
            raise self.unreadable(
                path,
                f"it expands to {total / 2**20:,.0f} MiB ({shared / 2**20:,.0f} MiB of text), more than "
                f"the limit of {MAX_XLSX_BYTES / 2**20:,.0f} MiB; split it or save it as CSV",
            )


def _chunked(sheet_rows: Iterator[tuple[Any, ...]], header: list[str], rows: int) -> Iterator[pa.Table]:
    import pyarrow as pa

    columns: list[list[str]] = [[] for _ in header]
    for row in sheet_rows:
        # blank rows stay as empty records so row numbers match the sheet
        for i in range(len(header)):
            columns[i].append(_cell_text(row[i] if row is not None and i < len(row) else None))
        if len(columns[0]) >= rows:
            yield as_text(
                pa.table({h: pa.array(c, pa.string()) for h, c in zip(header, columns, strict=True)})
            )
            columns = [[] for _ in header]
    if columns[0] or not header:
        yield as_text(pa.table({h: pa.array(c, pa.string()) for h, c in zip(header, columns, strict=True)}))


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "date") and hasattr(cell, "isoformat"):
        return cell.date().isoformat() if hasattr(cell, "hour") else cell.isoformat()
    return str(cell)


READER = ExcelReader()
