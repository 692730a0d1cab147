"""Bearer tokens for the write endpoints, and the row-by-row scope check.

Reading published figures is public; writing, reviewing and administration need
``Authorization: Bearer <token>``.  A missing, unknown, revoked or expired token is 401
(who are you?) — for writes the guard (``web.limits``) says so before the body is read;
a known token whose scopes do not cover a row is 403 (you may not), and the answer
names every such row so a reporter can fix the file in one go.  Scopes are checked on
the rows as read, before validation and before the store is touched, so a rejected
request never writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from mic2025.store.tokens import Principal
from mic2025.web.service import Publication

_bearer = HTTPBearer(auto_error=False, description="A token from `mic2025 tokens add`")


class ApiError(HTTPException):
    """An HTTP error whose JSON body carries a message and, optionally, problems."""

    def __init__(self, status: int, message: str, problems: list[dict] | None = None, **extra: object):
        super().__init__(status_code=status, detail=message)
        self.message = message
        self.problems = problems or []
        self.extra = extra


def publication(request: Request) -> Publication:
    return request.app.state.publication


def principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller of an endpoint that needs a token; 401 without a valid one, 429 after
    too many failures from the caller's address."""
    known = request.scope.get("state", {}).get("principal")
    if isinstance(known, Principal):
        return known  # the guard authenticated this request before reading its body
    limiter = getattr(request.app.state, "limiter", None)
    client = request.client.host if request.client else "unknown"
    if limiter is not None:
        wait = limiter.retry_after(client)
        if wait:
            raise ApiError(429, f"too many failed authentications from {client}; retry in {wait} s")
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(401, "this endpoint needs a token: send 'Authorization: Bearer <token>'")
    pub: Publication = request.app.state.publication
    who = pub.authenticate(credentials.credentials)
    if who is None:
        if limiter is not None:
            limiter.fail(client)
        raise ApiError(401, "unknown, revoked or expired token")
    return who


CurrentPrincipal = Annotated[Principal, Depends(principal)]


def require(scope: str) -> Callable[[Principal], Principal]:
    """A dependency that lets through only holders of ``scope`` (or admin)."""

    def check(who: CurrentPrincipal) -> Principal:
        if not who.has(scope):
            raise ApiError(403, f"token {who.name!r} lacks the {scope!r} scope")
        return who

    return check


def may_write_anything(who: Principal) -> bool:
    """Whether a token has any write scope at all (area, entity or admin)."""
    return who.is_admin or bool(area_scopes(who) or entity_scopes(who))


@dataclass(frozen=True)
class RowRef:
    """Where a row came from (for messages) and what it would write."""

    row: int | None
    index: int | None
    area: str
    entity: str


def area_scopes(who: Principal) -> list[str]:
    return sorted(s.removeprefix("area:") for s in who.scopes if s.startswith("area:"))


def entity_scopes(who: Principal) -> list[str]:
    return sorted(s.removeprefix("entity:") for s in who.scopes if s.startswith("entity:"))


def may_write(who: Principal, area: str, entity: str) -> bool:
    """Whether ``who`` may write a figure for ``area`` and reporting unit ``entity``.

    An enterprise token (``entity:E1`` only) writes its own unit's figures wherever the
    unit is; a province token (``area:CN-GD``) writes that area's figures; a token with
    both must satisfy both.  Admin writes anything.
    """
    if who.is_admin:
        return True
    areas, units = area_scopes(who), entity_scopes(who)
    if units and entity not in units:
        return False
    if areas:
        return who.may_write_area(area)
    return bool(units)


def scope_problems(who: Principal, rows: Iterable[RowRef], file: str) -> list[dict]:
    """One problem per row the token may not write (empty when all are allowed)."""
    problems = []
    areas, units = area_scopes(who), entity_scopes(who)
    for ref in rows:
        if may_write(who, ref.area, ref.entity):
            continue
        if units and ref.entity not in units:
            column, value = "entity", ref.entity
            reason = "token may write only reporting unit(s) " + ", ".join(units)
        else:
            column, value = "area", ref.area
            reason = (
                ("token may write only area(s) " + ", ".join(areas)) if areas else "token has no write scope"
            )
        problems.append(
            {
                "file": file,
                "row": ref.row,
                "index": ref.index,
                "column": column,
                "value": value,
                "reason": reason,
            }
        )
    return problems


def check_rows(who: Principal, rows: list[RowRef], file: str) -> None:
    """403 naming every row (and area or unit) the token may not write."""
    problems = scope_problems(who, rows, file)
    if problems:
        refused_areas = sorted({p["value"] for p in problems if p["column"] == "area"})
        refused_units = sorted({p["value"] for p in problems if p["column"] == "entity"})
        what = []
        if refused_areas:
            what.append("area(s) " + ", ".join(refused_areas))
        if refused_units:
            what.append("reporting unit(s) " + ", ".join(repr(u) for u in refused_units))
        raise ApiError(
            403,
            f"token {who.name!r} may not write {len(problems)} row(s) for "
            + " and ".join(what)
            + "; nothing was written",
            problems,
            allowed={"areas": area_scopes(who), "entities": entity_scopes(who)},
        )
