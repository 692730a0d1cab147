"""Apache Parquet: any column types (read as text: dates in ISO form)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from mic2025.ingest.readers.base import CHUNK_ROWS, DAMAGED, Reader, as_text

if TYPE_CHECKING:
    import pyarrow as pa

MAGIC = b"PAR1"


class ParquetReader(Reader):
    name: ClassVar[str] = "parquet"
    suffixes: ClassVar[tuple[str, ...]] = (".parquet", ".pq")
    description: ClassVar[str] = "Apache Parquet"

    def chunks(self, path: Path, *, rows: int = CHUNK_ROWS) -> Iterator[pa.Table]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not _has_magic(path):
            raise self.unreadable(path, "it does not start and end with the Parquet marker PAR1")
        try:
            source = pq.ParquetFile(path)
            batches = source.iter_batches(batch_size=rows)
        except (pa.ArrowException, *DAMAGED) as exc:
            raise self.unreadable(path, _first_line(exc)) from exc
        while True:
            try:
                batch = next(batches)
                table = as_text(pa.Table.from_batches([batch]))
            except StopIteration:
                return
            except (pa.ArrowException, *DAMAGED) as exc:
                raise self.unreadable(path, _first_line(exc)) from exc
            yield table


def _first_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _has_magic(path: Path) -> bool:
    size = path.stat().st_size
    if size < 8:
        return False
    with path.open("rb") as handle:
        start = handle.read(4)
        handle.seek(size - 4)
        return start == MAGIC and handle.read(4) == MAGIC


READER = ParquetReader()
