"""Batches and their review: what reviewers and admins see and decide, and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Body, Query, Request, Response

from mic2025.store.tokens import Principal
from mic2025.web import models as M
from mic2025.web.auth import ApiError, CurrentPrincipal
from mic2025.web.rest.common import (
    AUTH_ERRORS,
    ERRORS,
    PAGE_HEADERS,
    BatchId,
    Code,
    Limit,
    Offset,
    Pub,
    Reviewer,
    paged,
    records,
)
from mic2025.web.service import Publication

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def _utc(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The store keeps naive UTC; say so, so clients do not read it as local time."""
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
    return frame


def _batch_out(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["review"] = row.get("review") or "approved"
    for column in ("loaded_at", "reviewed_at"):
        if isinstance(row.get(column), dt.datetime) and row[column].tzinfo is None:
            row[column] = row[column].replace(tzinfo=dt.UTC)
    return row


@router.get(
    "/batches",
    response_model=list[M.BatchOut],
    summary="Batches written, oldest first, with their review state (scope: review)",
    responses={**AUTH_ERRORS, 200: {"headers": PAGE_HEADERS}},
)
def get_batches(
    request: Request,
    response: Response,
    pub: Pub,
    who: Reviewer,
    review: Annotated[M.Review | None, Query(description="only batches in this state")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    frame, total = pub.batches_page(review=review, limit=limit, offset=offset)
    paged(request, response, total, limit, offset)
    return [_batch_out(r) for r in records(frame)]


def _visible_batch(pub: Publication, batch_id: str, who: Principal) -> dict[str, Any]:
    """A batch its submitter, a reviewer or an admin may see; 404 to anyone else."""
    row = pub.batch(batch_id)
    if row is None or not (who.is_reviewer or row.get("who") == who.name):
        raise ApiError(404, f"no batch {batch_id!r} visible to token {who.name!r}")
    return row


@router.get(
    "/batches/{batch_id}",
    operation_id="get_batch",
    response_model=M.BatchOut,
    summary="One batch and its review state (its submitter, reviewers, admins)",
    responses=AUTH_ERRORS,
)
def get_batch(batch_id: BatchId, pub: Pub, who: CurrentPrincipal) -> dict[str, Any]:
    return _batch_out(_visible_batch(pub, batch_id, who))


@router.get(
    "/batches/{batch_id}/observations",
    operation_id="get_batch_observations",
    response_model=list[M.ObservationOut],
    summary="The rows a batch stored, pending ones included (its submitter, reviewers, admins)",
    responses={**AUTH_ERRORS, 200: {"headers": PAGE_HEADERS}},
)
def get_batch_observations(
    request: Request,
    response: Response,
    batch_id: BatchId,
    pub: Pub,
    who: CurrentPrincipal,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    _visible_batch(pub, batch_id, who)
    frame, total = pub.batch_observations(batch_id, limit=limit, offset=offset)
    paged(request, response, total, limit, offset)
    return records(frame)


def _decide(
    pub: Publication, batch_id: str, decision: str, who: Principal, note: str | None
) -> M.DecisionOut:
    from mic2025.store.review import ReviewError, decide

    with pub.locked(write=True) as m:
        try:
            made = decide(m.store, batch_id, decision, who.name, note=note, may_decide_own=who.is_admin)
        except ReviewError as exc:
            raise ApiError(exc.status, str(exc)) from exc
    return M.DecisionOut(
        batch=made.batch,
        review=made.review,  # type: ignore[arg-type]
        reviewed_by=made.reviewed_by,
        reviewed_at=made.reviewed_at.replace(tzinfo=dt.UTC),
        rows=made.rows,
    )


DECISION_ERRORS: dict[int | str, dict[str, Any]] = {
    **AUTH_ERRORS,
    409: {"model": M.ErrorBody, "description": "Already decided (a decision is final)"},
}


@router.post(
    "/batches/{batch_id}/approve",
    operation_id="approve_batch",
    response_model=M.DecisionOut,
    responses=DECISION_ERRORS,
    summary="Publish a pending batch (scope: review; not one's own submission)",
)
def approve_batch(
    batch_id: BatchId, pub: Pub, who: Reviewer, body: Annotated[M.ReviewIn | None, Body()] = None
) -> M.DecisionOut:
    return _decide(pub, batch_id, "approve", who, body.note if body else None)


@router.post(
    "/batches/{batch_id}/reject",
    operation_id="reject_batch",
    response_model=M.DecisionOut,
    responses=DECISION_ERRORS,
    summary="Refuse a pending batch: its figures are never published (scope: review)",
)
def reject_batch(
    batch_id: BatchId, pub: Pub, who: Reviewer, body: Annotated[M.ReviewIn | None, Body()] = None
) -> M.DecisionOut:
    return _decide(pub, batch_id, "reject", who, body.note if body else None)


@router.get(
    "/audit",
    response_model=list[M.AuditOut],
    summary="The audit log, oldest first: writes, decisions, token changes (scope: review)",
    responses={**AUTH_ERRORS, 200: {"headers": PAGE_HEADERS}},
)
def get_audit(
    request: Request,
    response: Response,
    pub: Pub,
    who: Reviewer,
    action: Annotated[str | None, Query(pattern=r"^[a-z.]{1,40}$")] = None,
    target: Annotated[Code | None, Query()] = None,
    actor: Annotated[Code | None, Query()] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    frame, total = pub.audit_page(limit=limit, offset=offset, action=action, target=target, actor=actor)
    paged(request, response, total, limit, offset)
    return records(_utc(frame, "at"))


# -- tokens ----------------------------------------------------------------------------
