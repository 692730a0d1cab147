"""Plain CSV: UTF-8 (with or without BOM), comma-separated, a header row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from mic2025.ingest.readers.base import CHUNK_ROWS, Reader, as_text

if TYPE_CHECKING:
    import pyarrow as pa

BLOCK_BYTES = 4 << 20
"""Parser block size.  Arrow's CSV parser holds several times its block in buffers, so
blocks stay small and are gathered into chunks of rows; larger blocks were measured to
multiply peak memory without making reading faster (bench/bench_bad_input.py)."""


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
        try:
            reader = pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=convert,
            )
            batches: list[pa.RecordBatch] = []
            held = 0
            for batch in reader:
                batches.append(batch)
                held += batch.num_rows
                if held >= rows:
                    yield as_text(pa.Table.from_batches(batches))
                    batches, held = [], 0
            if batches:
                yield as_text(pa.Table.from_batches(batches))
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
