"""The REST API under ``/api``: JSON in, JSON out, every shape a pydantic model.

Reads of published figures are public and call the store, ``mic2025.evaluate`` and
``mic2025.index``; writes need a token (see ``auth``) and go through the same
validation as ``mic2025 ingest`` — a batch is stored whole or not at all — and land
*pending* until a reviewer approves them (``admin`` writes are published at once).
Batches, review decisions, the audit log and tokens are for reviewers and admins.

Every list is paged (``limit``, ``offset``) and says how long it is in all
(``X-Total-Count``) and where its other pages are (``Link``, RFC 8288).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
import pyarrow as pa
from fastapi import APIRouter, Body, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi import Path as PathParam
from pydantic import StringConstraints

from mic2025.evaluate.status import STATUSES
from mic2025.ingest import IngestError
from mic2025.ingest.readers import FORMAT_NAMES
from mic2025.plan.describe import describe_target, unit_label
from mic2025.plan.model import Target
from mic2025.present.formatter import Formatter
from mic2025.store.areas import CHINA_AREAS, is_valid_area
from mic2025.store.tokens import Principal
from mic2025.vocabulary import group_label
from mic2025.web import models as M
from mic2025.web.auth import ApiError, CurrentPrincipal, RowRef, check_rows, publication, require
from mic2025.web.service import INDEX_SPECS, Publication, StoreUnavailable, index_result
from mic2025.years import parse_years

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": M.ErrorBody, "description": "Bad request"},
    404: {"model": M.ErrorBody, "description": "Not found"},
    422: {"model": M.ErrorBody, "description": "Invalid input; every problem is listed"},
}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": M.ErrorBody, "description": "No token, or an unknown, revoked or expired one"},
    403: {"model": M.ErrorBody, "description": "The token's scopes do not allow this"},
    429: {"model": M.ErrorBody, "description": "Too many failed authentications from this address"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **AUTH_ERRORS,
    413: {"model": M.ErrorBody, "description": "Body larger than the service's limit"},
}
BATCH_LINKS: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "The batch written (pending review unless an admin wrote it)",
        "links": {
            name: {"operationId": op, "parameters": {"batch_id": "$response.body#/batch"}}
            for name, op in (
                ("GetBatch", "get_batch"),
                ("GetBatchObservations", "get_batch_observations"),
                ("ApproveBatch", "approve_batch"),
                ("RejectBatch", "reject_batch"),
            )
        },
    }
}
"""OpenAPI links: what a client (and schemathesis' stateful runs) may do with a new batch."""
SECTOR_PATTERN = re.compile(r"^(_T|[A-T]([0-9]{2,4})?)$")
PAGE_HEADERS = {
    "X-Total-Count": {"description": "how many items the whole list has", "schema": {"type": "integer"}},
    "Link": {"description": "first, prev, next and last pages (RFC 8288)", "schema": {"type": "string"}},
}
_YEAR = r"(19|20)\d{2}"
YEARS_PATTERN = rf"^{_YEAR}(-{_YEAR})?(,{_YEAR}(-{_YEAR})?)*$"
AREA_PATTERN = r"^(CN(-[A-Z]{2})?|[A-Z]{3})$"
CODE_PATTERN = r"^[^\x00-\x1f\x7f]{1,200}$"
"""Filter values: any printable text (the store's SQL cannot carry a NUL byte)."""
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
Pub = Annotated[Publication, Depends(publication)]
Limit = Annotated[int, Query(ge=1, le=10_000, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=2**53, description="items to skip")]
LangQuery = Annotated[M.Lang, Query(description="Language of labels: en, zh-Hans, zh-Hant, ja, ko")]
AsOfQuery = Annotated[M.IsoDate | None, Query(description="Only figures published by this date (YYYY-MM-DD)")]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame with every missing value as None (JSON has no NaN)."""
    if frame.empty:
        return []
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) or math.isinf(out) else out


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def target_out(target: Target, plan: Any, lang: str) -> M.TargetOut:
    return M.TargetOut(
        id=target.id,
        metric=target.metric,
        kind=target.kind,
        value=target.value,
        unit=target.unit,
        year=target.year,
        base_year=target.base_year,
        period_start=target.period_start,
        approximate=target.approximate,
        text=describe_target(target, plan, lang),
    )


def paged(request: Request, response: Response, total: int, limit: int, offset: int) -> None:
    """``X-Total-Count`` and an RFC 8288 ``Link`` header (first, prev, next, last)."""
    response.headers["X-Total-Count"] = str(total)

    def at(start: int) -> str:
        return str(request.url.include_query_params(limit=limit, offset=start))

    links = [f'<{at(0)}>; rel="first"']
    if offset > 0:
        links.append(f'<{at(max(0, offset - limit))}>; rel="prev"')
    if offset + limit < total:
        links.append(f'<{at(offset + limit)}>; rel="next"')
    links.append(f'<{at(max(0, (total - 1) // limit * limit))}>; rel="last"')
    response.headers["Link"] = ", ".join(links)


def _unknown(column: str, values: list[str], reason: str) -> ApiError:
    return ApiError(
        422,
        f"unknown {column}: {', '.join(repr(v) for v in values[:10])}",
        [{"column": f"query.{column}", "value": v[:200], "reason": reason} for v in values[:100]],
    )


def check_filters(
    plan: Any,
    *,
    indicator: list[str] | None = None,
    area: list[str] | None = None,
    sector: list[str] | None = None,
) -> None:
    """422 naming every filter value that can match nothing (a typo, not an empty answer)."""
    if indicator:
        known = {i.id for i in plan.indicators}
        bad = [v for v in indicator if v not in known]
        if bad:
            raise _unknown("indicator", bad, "not an indicator of the plan (GET /api/indicators)")
    if area:
        bad = [v for v in area if not is_valid_area(v)]
        if bad:
            raise _unknown("area", bad, "use CN, a province such as CN-GD, or an ISO 3166-1 alpha-3 country")
    if sector:
        known = {s.id for s in plan.sectors}
        bad = [v for v in sector if v not in known and not SECTOR_PATTERN.match(v)]
        if bad:
            raise _unknown("sector", bad, "use _T, a plan sector id or a GB/T 4754 code like C39")


def cached_json(request: Request, body: Any, *, limit: int | None = None, offset: int = 0) -> Response:
    """A cached body as the client can take it: 304 if it has it, gzip if it accepts it;
    a page of a list says the list's length and where its other pages are."""
    headers = {"ETag": body.etag, "Vary": "Accept-Encoding", "Cache-Control": "no-cache"}
    if body.total is not None and limit is not None:
        paging = Response()
        paged(request, paging, body.total, limit, offset)
        headers["X-Total-Count"] = paging.headers["X-Total-Count"]
        headers["Link"] = paging.headers["Link"]
    if body.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(body.gzipped, media_type="application/json", headers=headers)
    return Response(body.body, media_type="application/json", headers=headers)


@router.get("/health", response_model=M.Health, summary="Whether the service answers (no store call)")
def get_health() -> dict[str, str]:
    return {"status": "ok"}


# -- plan ------------------------------------------------------------------------------
@router.get("/plan", response_model=M.PlanOut, summary="The plan's structure, labelled in one language")
def get_plan(request: Request, pub: Pub, lang: LangQuery = "en") -> Response:
    body = pub.response("plan", (lang,), lambda: _plan(pub, lang).model_dump_json().encode())
    return cached_json(request, body)


def _plan(pub: Publication, lang: str) -> M.PlanOut:
    plan = pub.plan

    def item(e: Any) -> dict[str, Any]:
        return {
            "id": e.id,
            "number": getattr(e, "number", None),
            "label": e.labels.get(lang),
            "description": e.description.get(lang) if e.description else None,
            "section": e.ref.section,
        }

    return M.PlanOut(
        id=plan.id,
        lang=lang,
        title=plan.title.get(lang),
        issuer=plan.issuer.get(lang),
        issued=plan.issued,
        document=plan.document.get(lang),
        steps=[M.StepOut(**item(s), year=s.year) for s in plan.steps],
        tasks=[M.Item(**item(t)) for t in plan.tasks],
        projects=[
            M.ProjectOut(**item(p), task=p.task, targets=[target_out(t, plan, lang) for t in p.targets])
            for p in plan.projects
        ],
        sectors=[M.Item(**item(s)) for s in plan.sectors],
        measures=[M.Item(**item(s)) for s in plan.measures],
    )


@router.get("/indicators", response_model=list[M.IndicatorOut], summary="Every indicator of the plan")
def get_indicators(request: Request, pub: Pub, lang: LangQuery = "en") -> Response:
    body = pub.response("indicators", (lang,), lambda: _json(_indicators(pub, lang)))
    return cached_json(request, body)


def _indicators(pub: Publication, lang: str) -> list[M.IndicatorOut]:
    plan = pub.plan
    out = []
    for ind in plan.indicators:
        definition = ind.formula or ind.description
        out.append(
            M.IndicatorOut(
                id=ind.id,
                label=ind.labels.get(lang),
                category=ind.category,
                unit=ind.unit,
                unit_label=unit_label(plan, ind.unit, lang),
                direction=ind.direction,
                key=ind.key,
                proxy_of=ind.proxy_of,
                project=ind.project,
                task=plan.task_of(ind.id),
                upper_bound=ind.upper_bound,
                definition=definition.get(lang) if definition else None,
                section=ind.ref.section,
                baselines={str(y): v for y, v in ind.baselines.items()},
                targets=[target_out(t, plan, lang) for t in ind.targets],
            )
        )
    return out


# -- figures ---------------------------------------------------------------------------
@router.get(
    "/observations",
    response_model=list[M.ObservationOut],
    summary="Published figures in force (or every vintage), each with its source and vintage",
    responses={200: {"headers": PAGE_HEADERS}},
)
def get_observations(
    request: Request,
    pub: Pub,
    indicator: Annotated[list[Code] | None, Query(description="indicator id (repeatable)")] = None,
    area: Annotated[list[Code] | None, Query(description="area code, e.g. CN or CN-GD (repeatable)")] = None,
    sector: Annotated[list[Code] | None, Query(description="sector code (repeatable)")] = None,
    entity: Annotated[
        list[Code] | None,
        Query(description="not public: figures of single reporting units are never published (422)"),
    ] = None,
    as_of: AsOfQuery = None,
    all_vintages: Annotated[bool, Query(description="every vintage instead of the one in force")] = False,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
    offset: Annotated[int, Query(ge=0, le=2**53)] = 0,  # beyond any store; keeps SQL in int64
) -> Response:
    if entity and any(entity):
        raise ApiError(
            422,
            "figures of single reporting units are not public; the public sees aggregates only",
            [{"column": "query.entity", "value": entity[0][:200], "reason": "not public"}],
        )
    check_filters(pub.plan, indicator=indicator, area=area, sector=sector)

    def build() -> tuple[bytes, int]:
        frame, total = pub.observations_page(
            indicator=indicator,
            area=area,
            sector=sector,
            as_of=as_of,
            all_vintages=all_vintages,
            limit=limit,
            offset=offset,
            count=True,
        )
        return _json([M.ObservationOut.model_validate(r) for r in records(frame)]), total or 0

    query = (_key(indicator), _key(area), _key(sector), as_of, all_vintages, limit, offset)
    return cached_json(request, pub.response("observations", query, build), limit=limit, offset=offset)


def _key(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _json(items: list[Any]) -> bytes:
    from pydantic import TypeAdapter

    return TypeAdapter(list[Any]).dump_json(items)


@router.get(
    "/sources",
    response_model=list[M.SourceOut],
    summary="Registered sources, by id",
    responses={200: {"headers": PAGE_HEADERS}},
)
def get_sources(request: Request, pub: Pub, limit: Limit = 1000, offset: Offset = 0) -> Response:
    def build() -> tuple[bytes, int]:
        frame, total = pub.sources_page(limit=limit, offset=offset)
        return _json([M.SourceOut.model_validate(r) for r in records(frame)]), total

    return cached_json(request, pub.response("sources", (limit, offset), build), limit=limit, offset=offset)


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


Reviewer = Annotated[Principal, Depends(require("review"))]
Admin = Annotated[Principal, Depends(require("admin"))]


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


BatchId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.:-]{1,100}$", description="batch id")]


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
def _token_out(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["scopes"] = str(row["scopes"]).split()
    for column in ("created_at", "expires_at"):
        if isinstance(out.get(column), dt.datetime) and out[column].tzinfo is None:
            out[column] = out[column].replace(tzinfo=dt.UTC)
    return out


@router.get(
    "/tokens",
    response_model=list[M.TokenOut],
    summary="Every token's holder, scopes, dates and state, never the secret (scope: admin)",
    responses={**AUTH_ERRORS, 200: {"headers": PAGE_HEADERS}},
)
def get_tokens(
    request: Request, response: Response, pub: Pub, who: Admin, limit: Limit = 1000, offset: Offset = 0
) -> list[dict[str, Any]]:
    from mic2025.store.tokens import list_tokens

    with pub.locked() as m:
        rows = list_tokens(m.store.con)
    paged(request, response, len(rows), limit, offset)
    return [_token_out(r) for r in rows[offset : offset + limit]]


@router.post(
    "/tokens",
    response_model=M.TokenIssued,
    status_code=201,
    responses={
        **WRITE_ERRORS,
        201: {
            "description": "The token; its secret is never shown again",
            "links": {
                "RevokeToken": {"operationId": "revoke_token", "parameters": {"name": "$response.body#/name"}}
            },
        },
    },
    summary="Issue a token; the secret is in this answer only (scope: admin)",
)
def post_token(body: M.TokenIn, pub: Pub, who: Admin) -> M.TokenIssued:
    from mic2025.store.tokens import issue_token

    expires = body.expires_at
    with pub.locked(write=True) as m:
        try:
            secret = issue_token(m.store.con, body.name, body.scopes, expires_at=expires, actor=who.name)
        except ValueError as exc:
            raise ApiError(422, str(exc), [{"column": "body", "reason": str(exc)}]) from exc
    if isinstance(expires, dt.date) and not isinstance(expires, dt.datetime):
        expires = dt.datetime.combine(expires, dt.time(), dt.UTC)
    return M.TokenIssued(name=body.name, scopes=sorted(set(body.scopes)), expires_at=expires, token=secret)


@router.delete(
    "/tokens/{name}",
    operation_id="revoke_token",
    response_model=M.TokenRevoked,
    responses=AUTH_ERRORS,
    summary="Revoke every token of a holder, from the next request on (scope: admin)",
)
def delete_token(
    name: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")], pub: Pub, who: Admin
) -> M.TokenRevoked:
    from mic2025.store.tokens import list_tokens, revoke_tokens

    with pub.locked(write=True) as m:
        if not any(r["name"] == name for r in list_tokens(m.store.con)):
            raise ApiError(404, f"no token named {name!r}")
        revoked = revoke_tokens(m.store.con, name, actor=who.name)
    return M.TokenRevoked(name=name, revoked=revoked)


# -- evaluation ------------------------------------------------------------------------
@router.get(
    "/evaluation",
    response_model=M.EvaluationOut,
    summary="Headline status per target (most cautious of three methods) and roll-ups",
)
def get_evaluation(
    request: Request,
    pub: Pub,
    milestone: Annotated[M.Milestone | None, Query(description="2020 or 2025; all if omitted")] = None,
    as_of: AsOfQuery = None,
    area: Annotated[str | None, Query(pattern=AREA_PATTERN, description="CN (default), CN-GD, ...")] = None,
    lang: LangQuery = "en",
) -> Response:
    if area is not None and area not in CHINA_AREAS:
        raise _unknown("area", [area], "evaluated areas are CN and the 31 provinces (CN-GD ...)")
    year = int(milestone) if milestone is not None else None
    body = pub.response(
        "evaluation",
        (as_of, year, area or "CN", lang),
        lambda: _evaluation(pub, as_of, year, area, lang).model_dump_json().encode(),
    )
    return cached_json(request, body)


def _evaluation(
    pub: Publication, as_of: dt.date | None, year: int | None, area: str | None, lang: str
) -> M.EvaluationOut:
    result = pub.assessment(as_of, year, area)
    words = Formatter(lang)
    rows = [_headline_row(r, pub.plan, words) for _i, r in result.heads.iterrows()]
    rollup_rows = [
        M.RollupRow(
            dimension=r["dimension"],
            group=r["group"],
            group_label=group_label(pub.plan, r["dimension"], r["group"], lang, words._),
            counts={s: int(r[s]) for s in STATUSES},
            total=int(r["total"]),
            note=r["note"] or "",
        )
        for r in records(pub.rollup(as_of, year, area))
    ]
    return M.EvaluationOut(
        lang=lang,
        as_of=as_of,
        evaluated_on=result.evaluated_on,
        milestone=year,
        area=result.area,
        counts=result.counts(),
        headline=rows,
        rollup=rollup_rows,
    )


def _headline_row(r: pd.Series, plan: Any, words: Formatter) -> M.HeadlineRow:
    """One verdict as the API gives it: machine fields plus the sentences a reader quotes."""
    from mic2025.present.verdicts import decided_by, evidence_phrase, verdict_phrase

    target = next(t for t in plan.targets() if t.id == r["target"])
    methods = {
        k.removeprefix("status_"): v for k, v in r.items() if k.startswith("status_") and isinstance(v, str)
    }
    for extra in ("symbol", "ascii"):
        methods.pop(extra, None)
    return M.HeadlineRow(
        target=r["target"],
        target_text=describe_target(target, plan, words.lang),
        indicator=r["indicator"],
        indicator_label=plan.indicator(r["indicator"]).labels.get(words.lang),
        category=_text(r["category"]),
        project=_text(r["project"]),
        area=r["area"],
        sector=r["sector"],
        proxy=bool(r["proxy"]),
        status=r["status"],
        status_symbol=r["status_symbol"],
        status_label=words.status(r["status"]).word,
        final=bool(r["final"]),
        provisional=bool(r["provisional"]),
        verdict=verdict_phrase(words, plan, r),
        evidence=evidence_phrase(words, r),
        decided_by=decided_by(words, r),
        methods=methods,
        unit=r["unit"],
        baseline_year=None if _num(r["baseline_year"]) is None else int(r["baseline_year"]),
        baseline_value=_num(r["baseline_value"]),
        target_year=int(r["target_year"]),
        target_value=_num(r["target_value"]),
        evidence_period=_text(r["evidence_period"]),
        evidence_value=_num(r["evidence_value"]),
        evidence_qualifier=_text(r["evidence_qualifier"]),
        evidence_source=_text(r["evidence_source"]),
        evidence_grade=_text(r["evidence_grade"]),
        weak_source=bool(r["weak_source"]),
        lag_years=_num(r["lag_years"]),
        n_points=int(r["n_points"] or 0),
        share_travelled=_num(r["share_travelled"]),
        momentum=str(r["momentum"] or ""),
        gap=_num(r["gap"]),
        note=words.notes(r["note"]),
    )


@router.get("/index/{spec}", response_model=M.IndexOut, summary="A composite manufacturing-power index")
def get_index(
    spec: Annotated[Literal["cae_mpdi", "unido_cip"], PathParam(description="built-in spec")],
    years: Annotated[
        str | None, Query(pattern=YEARS_PATTERN, max_length=200, description="e.g. 2012,2015 or 2010-2020")
    ] = None,
) -> M.IndexOut:
    wanted = sorted(set(parse_years(years) or []))  # the pattern keeps them within 1900-2099
    if spec not in INDEX_SPECS:
        raise ApiError(404, f"no built-in index {spec!r}; use one of {', '.join(INDEX_SPECS)}")
    loaded, result = index_result(spec, tuple(wanted) if wanted else None)
    dims = result.dimensions
    scores = []
    for r in records(result.scores):
        mine = dims[(dims["country"] == r["country"]) & (dims["year"] == r["year"])]
        scores.append(
            M.IndexScore(
                country=r["country"],
                year=int(r["year"]),
                score=_num(r["score"]),
                rank=_num(r["rank"]),
                tier=_text(r["tier"]),
                coverage=_num(r["coverage"]),
                n_indicators=r["n_indicators"],
                n_imputed=r["n_imputed"],
                dimensions={str(d): _num(s) for d, s in zip(mine["dimension"], mine["score"], strict=True)},
            )
        )
    steps = [
        {k: (_num(v) if isinstance(v, float) else v) for k, v in row.items()} for row in records(result.steps)
    ]
    weights = [
        {k: (_num(v) if isinstance(v, float) else v) for k, v in row.items()}
        for row in records(result.weights)
    ]
    return M.IndexOut(
        spec=loaded.index.id,
        name=loaded.index.name,
        sources={str(k): str(v) for k, v in result.sources.items()},
        departures=[str(d) for d in loaded.departures],
        weights=weights,
        scores=scores,
        steps=steps,
    )


# -- writes ----------------------------------------------------------------------------
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
