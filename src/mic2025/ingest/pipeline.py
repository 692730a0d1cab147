"""Ingest = read, validate, then hand the whole batch to the store in one transaction.

Nothing reaches the store unless every row passed; loading the same file again is
recognised by its hash and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from pathlib import Path

import ibis
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from mic2025.ingest.errors import IngestError, Problem
from mic2025.ingest.readers import ROW, read_table
from mic2025.ingest.validate import Defaults, validate
from mic2025.plan import Plan
from mic2025.store import BatchResult, ObservationStore, file_sha256

Stage = Callable[[str], None]
"""Called with the name of each stage as it starts (read, validate, write), for progress."""


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
    check: Callable[[pa.Table], None] | None = None,
    on_stage: Stage = _no_stage,
) -> BatchResult:
    """Load one file into the store as one batch, or raise IngestError and write nothing.

    ``origin`` names the file in the batch record and in error reports when the path is
    not what a person would recognise (an upload saved to a temporary folder).
    ``check`` is the caller's own rule on the rows as read (a web token's scopes): it runs
    on the same read as validation, before anything is said or stored, and raises to refuse.
    """
    path = Path(path)
    if not path.exists():
        raise IngestError(path, [Problem(str(path), None, None, None, "file not found")])
    sha256 = file_sha256(path)
    raw = None
    if check is not None:
        on_stage("read")
        raw, fmt = read_table(path, fmt)
        check(raw)
    previous = store.find_batch(sha256, source)
    if previous is not None:
        return BatchResult(previous, 0, 0, 0, already_loaded=True)
    if raw is None:
        on_stage("read")
        raw, fmt = read_table(path, fmt)
    return _validate_and_store(
        store,
        plan,
        raw,
        origin=origin or str(path),
        sha256=sha256,
        fmt=fmt,
        source=source,
        vintage=vintage,
        who=who,
        on_stage=on_stage,
    )


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
    if isinstance(frame, pl.DataFrame):
        frame = frame.to_arrow()
    if isinstance(frame, pd.DataFrame):
        frame = pa.Table.from_pandas(frame, preserve_index=False)
    text = pa.table(
        [_text(frame.column(i)) for i in range(frame.num_columns)],
        names=[n.lower() for n in frame.column_names],
    )
    text = text.append_column(ROW, pa.array(range(2, text.num_rows + 2), pa.int64()))
    return _validate_and_store(
        store,
        plan,
        text,
        origin=origin,
        sha256=None,
        fmt="frame",
        source=source,
        vintage=vintage,
        who=who,
        on_stage=_no_stage,
    )


def _text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Any column as text for validation; Arrow writes floats in their shortest round-trip
    form, so no digit is lost on the way back to a number."""
    if column.type != pa.string():
        column = pc.cast(column, pa.string())
    return pc.fill_null(column, "")


def _validate_and_store(
    store: ObservationStore,
    plan: Plan,
    raw: pa.Table,
    *,
    origin: str,
    sha256: str | None,
    fmt: str,
    source: str | None,
    vintage: dt.date | None,
    who: str | None,
    on_stage: Stage,
) -> BatchResult:
    on_stage("validate")
    defaults = Defaults(source=source, vintage=vintage)
    typed, problems = validate(raw, plan, store.source_ids(), defaults, origin)
    if not problems:
        clashes = store.conflicts(ibis.memtable(typed))
        problems = [
            Problem(
                origin,
                int(r["_row"]),
                "value",
                repr(r["value"]),
                f"figure already stored for vintage {r['vintage']} with value {r['stored_value']!r};"
                " a revision needs a later vintage",
            )
            for r in clashes.to_dict("records")
        ]
    if problems:
        raise IngestError(origin, problems)
    on_stage("write")
    return store.append_batch(typed, origin=origin, sha256=sha256, fmt=fmt, source=source, who=who or _user())


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
