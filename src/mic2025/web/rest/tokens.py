"""Tokens: list, issue and revoke (admins only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi import Path as PathParam

from mic2025.web import models as M
from mic2025.web.auth import ApiError
from mic2025.web.rest.common import (
    AUTH_ERRORS,
    ERRORS,
    PAGE_HEADERS,
    WRITE_ERRORS,
    Admin,
    Limit,
    Offset,
    Pub,
    paged,
)

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


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
