"""How the app answers when something goes wrong, and the headers every answer carries.

One rule for every error: the API and ``/openapi.json`` answer JSON (``error`` and a
list of ``problems`` with file, row, column and reason, as the readers report them);
pages answer an HTML error page in the reader's language.  The headers a status needs
(``Allow`` on 405, ``WWW-Authenticate`` on 401, ``Retry-After`` on 503) are kept on both.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from mic2025.web.auth import ApiError
from mic2025.web.service import StoreUnavailable

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'self'"
)
"""Nothing from another host, even if a template slips."""

PROBLEMS_IN_MESSAGE = 5
"""How many problems the one-line message names; the ``problems`` list has them all."""


async def security_headers(request: Request, call_next: Any) -> Response:
    """Content-Security-Policy, no MIME sniffing, no referrer: on every answer."""
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Route each kind of failure to its handler below."""
    app.add_exception_handler(ApiError, api_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreUnavailable, store_unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, invalid_request)  # type: ignore[arg-type]


def _answer(
    request: Request, status: int, message: str, body: dict[str, Any], headers: dict[str, str]
) -> Response:
    """JSON for the API, the error page for a reader of the dashboard."""
    if not wants_json(request):
        from mic2025.web import pages

        page = pages.error_page(request, status, message)
        page.headers.update(headers)
        return page
    return JSONResponse(body, status_code=status, headers=headers)


async def api_error(request: Request, exc: ApiError) -> Response:
    """A refusal the API raised itself (401, 403, 404, 413, 422, 429…), with its problems."""
    body: dict[str, Any] = {"error": exc.message, "problems": exc.problems}
    body.update(exc.extra)
    headers = dict(exc.headers or {})
    if exc.status_code == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return _answer(request, exc.status_code, exc.message, body, headers)


async def store_unavailable(request: Request, exc: StoreUnavailable) -> Response:
    """503 while the database is away; clients may retry after two seconds."""
    body = {"error": str(exc), "problems": []}
    return _answer(request, 503, str(exc), body, {"Retry-After": "2"})


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Starlette's own errors (404, 405…), keeping the headers the status needs."""
    from mic2025.web.app import allowed_methods

    message = exc.detail if isinstance(exc.detail, str) else "error"
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(sorted(allowed_methods(request.app, request.url.path)))
    return _answer(request, exc.status_code, message, {"error": message, "problems": []}, headers)


async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
    """422 with one problem per invalid field (a page shows 400 with the same message)."""
    problems = [problem(e) for e in exc.errors()]
    named = "; ".join(f"{p['column']}: {p['reason']}" for p in problems[:PROBLEMS_IN_MESSAGE])
    more = len(problems) - PROBLEMS_IN_MESSAGE
    message = "invalid request: " + named + (f" (and {more} more)" if more > 0 else "")
    if not wants_json(request):
        return _answer(request, 400, message, {}, {})
    return JSONResponse({"error": message, "problems": problems}, status_code=422)


def wants_json(request: Request) -> bool:
    """The API and its description answer JSON; everything else is a page."""
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def problem(error: dict[str, Any]) -> dict[str, Any]:
    """A pydantic error as a Problem: ``body.rows.3.value`` becomes index 3, column value."""
    loc = [str(x) for x in error.get("loc", ())]
    index = None
    if len(loc) >= 3 and loc[0] == "body" and loc[1] == "rows" and loc[2].isdigit():
        index = int(loc[2])
        column = ".".join(loc[3:]) or "rows"
    else:
        column = ".".join(loc)
    value = error.get("input")
    shown = None if value is None or isinstance(value, dict | list) else str(value)[:200]
    return {
        "file": "request",
        "row": None if index is None else index + 2,
        "index": index,
        "column": column,
        "value": shown,
        "reason": str(error.get("msg", "invalid")),
    }
