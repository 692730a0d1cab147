"""Plain CSV: UTF-8 (with or without BOM), comma-separated, a header row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from mic2025.ingest.readers.base import CHUNK_ROWS, Reader, as_text

if TYPE_CHECKING:
    import pyarrow as pa

BYTES_PER_ROW_GUESS = 64
"""Used to size parser blocks from a row count (a block must hold whole rows)."""


class CsvReader(Reader):
    name: ClassVar[str] = "csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".txt")
    description: ClassVar[str] = "CSV (UTF-8, comma-separated, header row)"

    def chunks(self, path: Path, *, rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        header = self._header(path)
        convert = pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        )
        block = max(1 << 20, rows * BYTES_PER_ROW_GUESS)
        try:
            reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(block_size=block),
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=convert,
            )
            for batch in reader:
                yield as_text(pa.Table.from_batches([batch]))
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise self.unreadable(path, _reason(exc), _line_of(path, exc)) from exc

    def _header(self, path: Path) -> list[str]:
        try:
            with path.open("r", encoding="utf-8-sig", newline="") as handle:
                line = handle.readline(1 << 20)
        except UnicodeDecodeError as exc:
            raise self.unreadable(path, "the header is not UTF-8 text", 1) from exc
        header = next(csv.reader([line]), [])
        if not header or not any(h.strip() for h in header):
            raise self.unreadable(path, "no header row", 1)
        return header


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, UnicodeDecodeError) or "UTF8" in text or "UTF-8" in text:
        return "the text is not UTF-8"
    return text[:200]


def _line_of(path: Path, exc: Exception) -> int | None:
    """The line of the row Arrow complains about (its message quotes the row's text)."""
    message = str(exc)
    marker = ": "
    if "Expected" not in message or marker not in message:
        return None
    text = message.split(marker, 2)[-1].strip()
    if not text:
        return None
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if line.rstrip("\r\n") == text:
                return number
    return None


READER = CsvReader()
