"""The FastAPI application: REST API, dashboard pages and their static files.

One :class:`Publication` (one store connection) per app.  No page loads anything
from another host: the API docs UI (which FastAPI takes from a CDN) is switched off,
``/openapi.json`` stays, and a Content-Security-Policy of ``'self'`` makes the rule
hold even if a template slips.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from mic2025.plan import Plan
from mic2025.web.auth import ApiError
from mic2025.web.limits import FailureLimiter, Guard, Limits
from mic2025.web.service import Publication, StoreUnavailable

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'self'"
)


def create_app(
    location: str | None = None,
    plan: Plan | None = None,
    *,
    plan_path: str | Path | None = None,
    limits: Limits | None = None,
) -> FastAPI:
    """An app serving the store at ``location`` (DuckDB path, postgresql:// URL or $MIC2025_DB).

    Parameters
    ----------
    location
        The store; it must exist (``mic2025 init``).
    plan, plan_path
        The plan figures are checked against (a Plan, or a file or directory); the
        built-in plan when neither is given.
    limits
        Body caps, failed-authentication rate limit, CORS origins; from the
        ``MIC2025_*`` environment when not given (see :mod:`mic2025.web.limits`).

    A PostgreSQL connection stays open for the app's life; the owner closes it with
    ``app.state.publication.close()`` (not in a lifespan hook: test clients and
    schemathesis start and stop the lifespan many times on one app).
    """
    from mic2025.web import pages, rest

    if plan is None and plan_path is not None:
        from mic2025.plan import load_plan

        plan = load_plan(plan_path)
    publication = Publication(location, plan)
    app = FastAPI(
        title="mic2025",
        summary="Monitoring and evaluation of Made in China 2025: figures, evaluation, indices.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.publication = publication
    app.state.limits = limits = limits or Limits.from_environment()
    app.include_router(rest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # outermost first: CORS answers preflights, then the guard (auth, caps, HEAD)
    app.state.limiter = limiter = FailureLimiter(limits.auth_failures, limits.auth_window)
    app.add_middleware(
        Guard,
        limits=limits,
        limiter=limiter,
        authenticate=publication.authenticate,
        methods=lambda path: allowed_methods(app, path),
    )
    if limits.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        # read-only: a browser on another origin may GET and HEAD, never write
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(limits.cors_origins),
            allow_methods=["GET", "HEAD"],
            allow_headers=[],
            allow_credentials=False,
            expose_headers=["Link", "X-Total-Count", "ETag"],
            max_age=600,
        )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        if not _wants_json(request):
            return pages.error_page(request, exc.status_code, exc.message)
        body: dict[str, Any] = {"error": exc.message, "problems": exc.problems}
        body.update(exc.extra)
        headers = dict(exc.headers or {})
        if exc.status_code == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(body, status_code=exc.status_code, headers=headers)

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> Response:
        headers = {"Retry-After": "2"}
        if not _wants_json(request):
            page = pages.error_page(request, 503, str(exc))
            page.headers.update(headers)
            return page
        return JSONResponse({"error": str(exc), "problems": []}, status_code=503, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(sorted(allowed_methods(app, request.url.path)))
        if not _wants_json(request):
            page = pages.error_page(request, exc.status_code, message)
            page.headers.update(headers)
            return page
        # keep the exception's headers (405 must say Allow:, 401 WWW-Authenticate:)
        return JSONResponse({"error": message, "problems": []}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [_problem(e) for e in exc.errors()]
        message = (
            "invalid request: "
            + "; ".join(f"{p['column']}: {p['reason']}" for p in problems[:5])
            + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
        )
        if not _wants_json(request):
            return pages.error_page(request, 400, message)
        return JSONResponse({"error": message, "problems": problems}, status_code=422)

    return app


def app_from_environment() -> FastAPI:
    """The app for ``$MIC2025_DB`` and ``$MIC2025_PLAN``: what each worker process builds
    when ``mic2025 serve --workers N`` runs several (uvicorn's factory mode)."""
    import os

    return create_app(os.environ.get("MIC2025_DB"), plan_path=os.environ.get("MIC2025_PLAN") or None)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def allowed_methods(app: FastAPI, path: str) -> set[str]:
    """Every method some route serves at ``path``, HEAD wherever GET is (the guard
    serves it).  Built from the routers' own routes, whatever FastAPI wraps them in."""
    table = getattr(app.state, "method_table", None)
    if table is None:
        from mic2025.web import pages, rest

        table = [
            (route.path_regex, set(route.methods or ()))
            for route in (*rest.routes(), *pages.router.routes)
            if hasattr(route, "path_regex")
        ]
        if app.openapi_url:
            table.append((re.compile("^" + re.escape(app.openapi_url) + "$"), {"GET"}))
        table.append((re.compile("^/static/.*$"), {"GET"}))
        app.state.method_table = table
    methods: set[str] = set()
    for regex, served in table:
        if regex.match(path):
            methods |= served
    if "GET" in methods:
        methods.add("HEAD")
    return methods


def _problem(error: dict[str, Any]) -> dict[str, Any]:
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
