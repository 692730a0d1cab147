"""Writes: observations as JSON or as a file, and sources; validated like ``mic2025 ingest``."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
import pyarrow as pa
from fastapi import APIRouter, Depends, File, Form, UploadFile

from mic2025.ingest import IngestError
from mic2025.ingest.readers import FORMAT_NAMES
from mic2025.store.tokens import Principal
from mic2025.web import models as M
from mic2025.web.auth import ApiError, CurrentPrincipal, RowRef, check_rows, require
from mic2025.web.rest.common import (
    BATCH_LINKS,
    ERRORS,
    WRITE_ERRORS,
    Pub,
)
from mic2025.web.service import StoreUnavailable

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def _problems(error: IngestError, file: str, json_rows: bool) -> list[dict[str, Any]]:
    out = []
    for p in error.problems:
        index = p.row - 2 if (json_rows and p.row is not None and p.row >= 2) else None
        out.append(
            {
                "file": file,
                "row": p.row,
                "index": index,
                "column": p.column,
                "value": p.value,
                "reason": p.reason,
            }
        )
    return out


def _review_for(who: Principal) -> str:
    """Submissions wait for review; an admin's own writes are published at once."""
    return "approved" if who.trusted else "pending"


def _result(result: Any, who: Principal, review: str) -> M.BatchResultOut:
    fields = {k: v for k, v in result.__dict__.items() if k != "warnings"}
    return M.BatchResultOut(**fields, who=who.name, review=review, warnings=list(result.warnings))  # type: ignore[arg-type]


def _rejected(error: IngestError, file: str, json_rows: bool) -> ApiError:
    n = len(error.problems)
    return ApiError(
        422, f"{file}: rejected, {n} problem(s); nothing was written", _problems(error, file, json_rows)
    )


@router.post(
    "/observations",
    response_model=M.BatchResultOut,
    status_code=201,
    responses={**WRITE_ERRORS, **BATCH_LINKS},
    summary="Write figures as one validated batch (all rows or none)",
)
def post_observations(body: M.ObservationsIn, who: CurrentPrincipal, pub: Pub) -> M.BatchResultOut:
    rows = [r.model_dump() for r in body.rows]
    check_rows(who, [RowRef(i + 2, i, r["area"], r["entity"] or "") for i, r in enumerate(rows)], "request")
    frame = pd.DataFrame(rows)
    frame = frame[
        [c for c in frame.columns if c in ("indicator", "area", "period", "value") or frame[c].notna().any()]
    ]
    review = _review_for(who)
    with pub.locked(write=True) as m, m.store.submitting(review):  # type: ignore[arg-type]
        try:
            result = m.write_observations(
                frame,
                source=body.source,
                origin=f"api: POST /api/observations by {who.name}",  # type: ignore[arg-type]
                who=who.name,
                vintage=body.vintage,
            )
        except IngestError as exc:
            raise _rejected(exc, "request", json_rows=True) from exc
    return _result(result, who, review)


def _safe_name(name: str | None) -> str:
    base = Path(name or "upload.csv").name
    return re.sub(r"[^A-Za-z0-9_.-]", "_", base)[-120:] or "upload.csv"


@router.post(
    "/observations/file",
    response_model=M.BatchResultOut,
    status_code=201,
    responses={**WRITE_ERRORS, **BATCH_LINKS},
    summary="Upload a CSV, Excel, Parquet or SDMX-CSV file as one validated batch",
)
def post_observation_file(
    who: CurrentPrincipal,
    pub: Pub,
    file: Annotated[UploadFile, File(description="CSV, XLSX, Parquet or SDMX-CSV")],
    source: Annotated[str | None, Form(description="source id for rows that name none")] = None,
    vintage: Annotated[M.IsoDate | None, Form(description="vintage for rows that name none")] = None,
    format: Annotated[Literal[FORMAT_NAMES] | None, Form()] = None,  # type: ignore[valid-type]
) -> M.BatchResultOut:
    name = _safe_name(file.filename)
    review = _review_for(who)
    with tempfile.TemporaryDirectory(prefix="mic2025-upload-") as tmp:
        path = Path(tmp) / name
        # the guard has capped the body already; this copy is never larger than it
        with path.open("wb") as out:
            while chunk := file.file.read(1 << 20):
                out.write(chunk)

        def in_scope(table: pa.Table) -> None:
            """403 before anything is stored or said when a row is outside the token's scopes."""
            if "area" not in table.column_names:
                return  # validation reports the missing column
            entities = (
                table.column("entity").to_pylist()
                if "entity" in table.column_names
                else [""] * table.num_rows
            )
            refs = [
                RowRef(r, None, a or "", e or "")
                for r, a, e in zip(
                    table.column("_row").to_pylist(), table.column("area").to_pylist(), entities, strict=True
                )
            ]
            check_rows(who, refs, name)

        with pub.locked(write=True) as m, m.store.submitting(review):  # type: ignore[arg-type]
            try:
                result = m.ingest(
                    path,
                    source=source,
                    vintage=vintage,
                    fmt=format,
                    who=who.name,
                    origin=f"upload:{name}",
                    check=in_scope,
                )
            except IngestError as exc:
                raise _rejected(exc, name, json_rows=False) from exc
            except (ApiError, StoreUnavailable):
                raise
            except Exception as exc:
                if _from_store(exc):
                    raise
                # a reader met something it did not expect: still the file's fault
                reason = f"not a readable file: {type(exc).__name__}: {str(exc)[:300]}"
                problem = {"file": name, "row": None, "index": None, "column": None, "value": None}
                raise ApiError(
                    422, f"{name}: {reason}; nothing was written", [{**problem, "reason": reason}]
                ) from exc
            if result.already_loaded:
                earlier = m.store.batch_row(result.batch) or {}
                review = earlier.get("review") or "approved"
    return _result(result, who, review)


def _from_store(exc: BaseException) -> bool:
    """Whether an error came from the database (a server fault), not from reading a file."""
    module = type(exc).__module__
    return module.startswith(("duckdb", "psycopg", "ibis", "sqlglot"))


@router.post(
    "/sources",
    response_model=M.SourcesAdded,
    status_code=201,
    responses={**WRITE_ERRORS, 409: {"model": M.ErrorBody, "description": "Id taken by another source"}},
    summary="Register sources (scope: sources)",
)
def post_sources(
    body: M.SourcesIn, who: Annotated[Principal, Depends(require("sources"))], pub: Pub
) -> M.SourcesAdded:
    rows = [s.model_dump(mode="json") for s in body.sources]
    with pub.locked(write=True) as m:
        try:
            added = m.store.add_sources(rows, who=who.name)
        except ValueError as exc:
            raise ApiError(409, str(exc)) from exc
    return M.SourcesAdded(added=added, already_known=[r["id"] for r in rows if r["id"] not in added])
