"""Ingest = read in chunks, validate each, stage, then store the whole batch in one transaction.

Nothing reaches the store unless every row passed; loading the same file again is
recognised by its hash and adds nothing.  Memory stays bounded whatever the input:
rows are read and checked a chunk at a time, valid rows wait in a temporary staging
database, and a bad file stops being read once ``max_problems`` problems are found.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mic2025.ingest.errors import IngestError, Problem
from mic2025.ingest.readers import CHUNK_ROWS, ROW, iter_chunks, open_reader
from mic2025.ingest.staging import Staging
from mic2025.ingest.validate import ChunkChecker, Defaults, Rules, header_problems

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from mic2025.plan import Plan
    from mic2025.store import BatchResult, ObservationStore

Stage = Callable[[str], None]
"""Called with the name of each stage as it starts (read and validate, write), for progress."""
Check = Callable[["pa.Table"], None]
"""A caller's own rule on rows as read (a web token's scopes); raises to refuse."""

WRITE_ROWS = 1_000_000
"""Rows handed to the store per insert (all in one transaction)."""
DEFAULT_MAX_PROBLEMS = 1000
"""Problems collected before a bad input stops being read (``--max-problems``)."""


def _no_stage(_: str) -> None:
    return None


def ingest_file(
    store: ObservationStore,
    plan: Plan,
    path: str | Path,
    *,
    source: str | None = None,
    vintage: dt.date | None = None,
    fmt: str | None = None,
    who: str | None = None,
    origin: str | None = None,
    check: Check | None = None,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
    on_stage: Stage = _no_stage,
) -> BatchResult:
    """Load one file into the store as one batch, or raise IngestError and write nothing.

    Parameters
    ----------
    origin
        The name shown in the batch record and error reports when the path is not what
        a person would recognise (an upload saved to a temporary folder).
    check
        The caller's own rule on the rows as read; it sees every chunk before anything
        is said about the rows or stored.
    max_problems
        Stop reading a bad file after this many problems.
    on_stage
        Told the name of each stage as it starts.
    """
    from mic2025.store import BatchResult, file_sha256

    path = Path(path)
    reader = open_reader(path, fmt)
    sha256 = file_sha256(path)
    previous = store.find_batch(sha256, source)
    if previous is not None and check is None:
        return BatchResult(previous, 0, 0, 0, already_loaded=True)
    on_stage("read and validate")
    rules = Rules.build(
        plan, store.source_ids(), Defaults(source=source, vintage=vintage), origin or str(path)
    )
    with Staging() as staging:
        _stage(iter_chunks(path, reader), staging, rules, check=check, limit=max_problems)
        if previous is not None:
            return BatchResult(previous, 0, 0, 0, already_loaded=True)
        on_stage("write")
        return _store(store, staging, rules, sha256=sha256, fmt=reader.name, who=who, limit=max_problems)


def ingest_frame(
    store: ObservationStore,
    plan: Plan,
    frame: pd.DataFrame | pl.DataFrame | pa.Table,
    *,
    origin: str,
    source: str | None = None,
    vintage: dt.date | None = None,
    who: str | None = None,
) -> BatchResult:
    """Load rows built in Python (microdata aggregates, API posts) through the same checks."""
    rules = Rules.build(plan, store.source_ids(), Defaults(source=source, vintage=vintage), origin)
    with Staging() as staging:
        _stage(_frame_chunks(frame), staging, rules, check=None, limit=DEFAULT_MAX_PROBLEMS)
        return _store(store, staging, rules, sha256=None, fmt="frame", who=who, limit=DEFAULT_MAX_PROBLEMS)


def _frame_chunks(frame: pd.DataFrame | pl.DataFrame | pa.Table) -> Iterator[pa.Table]:
    """A frame as text chunks with row numbers, like a file (row 2 is the first row)."""
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(frame, pl.DataFrame):
        frame = frame.to_arrow()
    if isinstance(frame, pd.DataFrame):
        frame = pa.Table.from_pandas(frame, preserve_index=False)
    # Arrow writes floats in their shortest round-trip form: no digit is lost; a
    # publication date given as a timestamp (pandas' default) is a date
    columns = []
    for name, column in zip(frame.column_names, frame.columns, strict=True):
        if name.lower() == "vintage" and pa.types.is_timestamp(column.type):
            column = pc.cast(column, pa.date32())
        text = column if column.type == pa.string() else pc.cast(column, pa.string())
        columns.append(pc.fill_null(text, ""))
    text = pa.table(columns, names=[n.lower() for n in frame.column_names])
    for start in range(0, max(text.num_rows, 1), CHUNK_ROWS):
        chunk = text.slice(start, CHUNK_ROWS)
        yield chunk.append_column(ROW, pa.array(range(start + 2, start + 2 + chunk.num_rows), pa.int64()))


def _stage(
    chunks: Iterable[pa.Table], staging: Staging, rules: Rules, *, check: Check | None, limit: int
) -> None:
    """Validate every chunk, staging good rows; raise IngestError with what was found."""
    with ChunkChecker(rules) as checker:
        problems, stopped_at, empty = _check_all(chunks, staging, checker, check=check, limit=limit)
    if empty:
        raise IngestError(rules.file, [Problem(rules.file, None, None, None, "the file holds no rows")])
    if problems:
        raise IngestError(rules.file, problems, stopped_at=stopped_at)
    repeats = staging.duplicates(rules.file, limit=limit)
    if repeats:
        raise IngestError(rules.file, repeats)


def _check_all(
    chunks: Iterable[pa.Table], staging: Staging, checker: ChunkChecker, *, check: Check | None, limit: int
) -> tuple[list[Problem], int | None, bool]:
    """Problems found (at most ``limit``), the row reading stopped at, and whether there were no rows."""
    rules = checker.rules
    problems: list[Problem] = []
    stopped_at: int | None = None
    first = True

    def bad() -> bool:
        return bool(problems)

    for chunk in chunks:
        if first:
            header = header_problems(chunk.column_names, rules)
            if header:
                raise IngestError(rules.file, header)
            first = False
        if check is not None:
            check(chunk)  # authorisation sees every row, even once validation has stopped
        if stopped_at is not None or chunk.num_rows == 0:
            continue
        for piece in _pieces(chunk, probe=staging.rows == 0, bad=bad):
            typed, found = checker.check(piece, limit=limit - len(problems))
            problems.extend(found)
            if not problems:
                staging.append(typed)
            if len(problems) >= limit:
                stopped_at = int(piece.column(ROW)[-1].as_py())
                break
        if stopped_at is not None and check is None:
            break
    return problems, stopped_at, first


PROBE_ROWS = 20_000
"""A bad file is usually bad from its first rows: they are checked on their own first, so
a file of garbage is rejected after a few thousand rows, not after a whole chunk."""


def _pieces(chunk: pa.Table, *, probe: bool, bad: Callable[[], bool]) -> Iterator[pa.Table]:
    """The chunk whole; at the start of a file, a small probe first; in a file already
    known to be bad, small pieces, so reading stops soon after the problem limit."""
    if bad():
        for start in range(0, chunk.num_rows, 5 * PROBE_ROWS):
            yield chunk.slice(start, 5 * PROBE_ROWS)
        return
    if not probe or chunk.num_rows <= PROBE_ROWS:
        yield chunk
        return
    yield chunk.slice(0, PROBE_ROWS)
    yield from _pieces(chunk.slice(PROBE_ROWS), probe=False, bad=bad)


def _store(
    store: ObservationStore,
    staging: Staging,
    rules: Rules,
    *,
    sha256: str | None,
    fmt: str,
    who: str | None,
    limit: int,
) -> BatchResult:
    """Refuse changed figures without a new vintage, note disagreements, write the batch."""
    held = None if staging.spilled else list(staging.unique(rows=WRITE_ROWS))

    def chunks() -> Iterator[pa.Table]:
        return iter(held) if held is not None else staging.unique(rows=WRITE_ROWS)

    clashes: list[Problem] = []
    notes: list[str] = []
    for chunk in chunks():
        clashes += _clashes(store, chunk, rules.file)
        notes += _disagreements(store, chunk)
        if len(clashes) >= limit:
            break
    if clashes:
        raise IngestError(rules.file, clashes[:limit])
    return store.append_batch(
        chunks(),
        origin=rules.file,
        sha256=sha256,
        fmt=fmt,
        source=rules.defaults.source,
        who=who or _user(),
        rows_read=staging.rows,
        warnings=tuple(notes[:20]),
    )


def _clashes(store: ObservationStore, chunk: pa.Table, file: str) -> list[Problem]:
    import ibis

    found = store.conflicts(ibis.memtable(chunk))
    return [
        Problem(
            file,
            int(r["_row"]),
            "value",
            repr(r["value"]),
            f"figure already stored for vintage {r['vintage']} with value {r['stored_value']!r};"
            " a revision needs a later vintage",
        )
        for r in found.to_dict("records")
    ]


def _disagreements(store: ObservationStore, chunk: pa.Table) -> list[str]:
    found = store.disagreements(chunk)
    return [
        f"{r['indicator']} {r['area']} {r['period']}: {r['value']:g} from {r['source']}, "
        f"but {r['other_value']:g} from {r['other_source']}; both kept (mic2025 observations --conflicts)"
        for r in found.to_dict("records")
    ]


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
