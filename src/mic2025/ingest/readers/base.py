"""The interface every input reader implements, and what all of them share.

A reader turns one file into a stream of *text* tables (every cell a string, so that
validation, not the reader, decides what is wrong with a value and can name its row).
It reads in chunks, so that a huge or hostile file costs bounded memory and a bad one
can be rejected after the first problems without reading the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from mic2025.ingest.errors import IngestError, Problem

if TYPE_CHECKING:
    import pyarrow as pa

DAMAGED: tuple[type[BaseException], ...] = (
    ValueError,  # bad values, bad XML text, pyarrow's ArrowInvalid
    KeyError,  # a zip member or sheet part missing
    IndexError,
    TypeError,
    AttributeError,  # a parser met a structure it did not expect
    OSError,  # includes zipfile.BadZipFile's relatives and pyarrow's IOError
    EOFError,
    UnicodeError,
    SyntaxError,  # xml.etree's ParseError
    LookupError,
)
"""What a library may raise on a damaged file (found by tests/ingest/test_fuzz_readers.py);
readers turn them into IngestError, so a bad upload is a 422 and never a 500."""

ROW = "_row"
"""Column added to every chunk: the row number as a spreadsheet shows it (header = 1)."""

CHUNK_ROWS = 500_000
"""Rows per chunk: large enough that per-chunk overhead (query planning) vanishes, small
enough to bound memory (a chunk of text cells is about 50-100 MB)."""


class Reader:
    """One input format.  Subclasses set the class attributes and implement ``chunks``.

    ``name`` is what ``--format`` and the API accept; ``suffixes`` the file name endings
    it claims; ``priority`` orders detection (lower first: SDMX-CSV before plain CSV,
    since both end in .csv); ``description`` is shown in help texts.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    description: ClassVar[str]
    priority: ClassVar[int] = 100

    def claims(self, path: Path, head: bytes) -> bool:
        """Whether this reader recognises the file (by name; override to look inside)."""
        return path.suffix.lower() in self.suffixes

    def chunks(self, path: Path, *, rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
        """The file as text tables of at most about ``rows`` rows, columns as named in it."""
        raise NotImplementedError

    def prepare(self, chunk: pa.Table, path: Path) -> pa.Table:
        """Map one chunk's columns onto the store's (lower-case names by default)."""
        return chunk.rename_columns([c.strip().lower() for c in chunk.column_names])

    def unreadable(self, path: Path, reason: str, row: int | None = None) -> IngestError:
        """The clean error for a file this reader cannot read."""
        return IngestError(
            path, [Problem(str(path), row, None, None, f"not a readable {self.name} file: {reason}")]
        )


def as_text(table: pa.Table) -> pa.Table:
    """Every column as text; nulls as empty strings, surrounding blanks trimmed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays = []
    for column in table.columns:
        text = column if column.type == pa.string() else pc.cast(column, pa.string())
        text = pc.fill_null(text, "")
        if pc.any(pc.match_substring_regex(text, r"^\s|\s$")).as_py():
            text = pc.utf8_trim_whitespace(text)  # only where needed: trimming costs
        arrays.append(text)
    return pa.table(arrays, names=table.column_names)
