"""Shared pieces of the REST API: error shapes, query types, paging and cached answers."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

import pandas as pd
from fastapi import Depends, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import StringConstraints

from mic2025.plan.describe import describe_target
from mic2025.plan.model import Target
from mic2025.store.areas import is_valid_area
from mic2025.store.tokens import Principal
from mic2025.web import models as M
from mic2025.web.auth import ApiError, publication, require
from mic2025.web.service import Publication

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


def number_or_none(value: Any) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) or math.isinf(out) else out


def text_or_none(value: Any) -> str | None:
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


def unknown_values(column: str, values: list[str], reason: str) -> ApiError:
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
            raise unknown_values("indicator", bad, "not an indicator of the plan (GET /api/indicators)")
    if area:
        bad = [v for v in area if not is_valid_area(v)]
        if bad:
            raise unknown_values(
                "area", bad, "use CN, a province such as CN-GD, or an ISO 3166-1 alpha-3 country"
            )
    if sector:
        known = {s.id for s in plan.sectors}
        bad = [v for v in sector if v not in known and not SECTOR_PATTERN.match(v)]
        if bad:
            raise unknown_values("sector", bad, "use _T, a plan sector id or a GB/T 4754 code like C39")


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


Reviewer = Annotated[Principal, Depends(require("review"))]
Admin = Annotated[Principal, Depends(require("admin"))]
BatchId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.:-]{1,100}$", description="batch id")]
