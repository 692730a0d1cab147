"""Input readers: one small class per format behind one interface (see ``base.Reader``).

Readers are discovered: every module of this package that defines ``READER`` adds a
format, and the list of formats, detection by name and content, ``--format`` help and
the API's choice of formats all derive from what is found.  Adding a format is one new
module here (pattern: sdg-build's ``sdg/inputs``, Starlette's convertor registry).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mic2025.ingest.errors import IngestError, Problem
from mic2025.ingest.readers.base import CHUNK_ROWS, ROW, Reader

if TYPE_CHECKING:
    import pyarrow as pa

HEAD_BYTES = 4096


def _discover() -> tuple[Reader, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        reader = getattr(module, "READER", None)
        if isinstance(reader, Reader):
            found.append(reader)
    return tuple(sorted(found, key=lambda r: (r.priority, r.name)))


READERS: tuple[Reader, ...] = _discover()
"""Every reader, in detection order."""

FORMAT_NAMES: tuple[str, ...] = tuple(r.name for r in READERS)
SUFFIXES: tuple[str, ...] = tuple(sorted({s for r in READERS for s in r.suffixes}))


def reader_named(name: str) -> Reader:
    for reader in READERS:
        if reader.name == name:
            return reader
    raise ValueError(f"unknown format {name!r}; use one of {', '.join(FORMAT_NAMES)}")


def detect(path: Path) -> Reader:
    """The reader for a file, by its name and first bytes; a clean error when none fits."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    for reader in READERS:
        if reader.claims(path, head):
            return reader
    reason = f"unknown file type {path.suffix or '(no extension)'}; use one of {', '.join(SUFFIXES)}"
    raise IngestError(path, [Problem(str(path), None, None, path.suffix or None, reason)])


def open_reader(path: Path, fmt: str | None = None) -> Reader:
    """The reader to use: the named format, else detection; the file must exist."""
    if not path.is_file():
        raise IngestError(path, [Problem(str(path), None, None, None, "file not found")])
    if fmt is None:
        return detect(path)
    try:
        return reader_named(fmt)
    except ValueError as exc:
        raise IngestError(path, [Problem(str(path), None, None, fmt, str(exc))]) from exc


def iter_chunks(path: Path, reader: Reader, *, rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
    """Prepared text chunks with a ``_row`` column numbering rows as a spreadsheet does."""
    import pyarrow as pa

    next_row = 2  # the header is row 1
    for chunk in reader.chunks(path, rows=rows):
        prepared = reader.prepare(chunk, path)
        numbers = pa.array(range(next_row, next_row + prepared.num_rows), pa.int64())
        next_row += prepared.num_rows
        yield prepared.append_column(ROW, numbers)


def read_table(path: str | Path, fmt: str | None = None) -> tuple[pa.Table, str]:
    """A whole (small) file as one text table with ``_row``, and the format it was read as."""
    import pyarrow as pa

    path = Path(path)
    reader = open_reader(path, fmt)
    chunks = list(iter_chunks(path, reader))
    if not chunks:
        raise reader.unreadable(path, "it holds no rows")
    return pa.concat_tables(chunks, promote_options="default"), reader.name


__all__ = [
    "CHUNK_ROWS",
    "FORMAT_NAMES",
    "READERS",
    "ROW",
    "SUFFIXES",
    "Reader",
    "detect",
    "iter_chunks",
    "open_reader",
    "read_table",
    "reader_named",
]
