"""The FastAPI application: REST API, dashboard pages and their static files.

One :class:`Publication` (one store connection) per app.  No page loads anything
from another host: the API docs UI (which FastAPI takes from a CDN) is switched off,
``/openapi.json`` stays, and a Content-Security-Policy of ``'self'`` makes the rule
hold even if a template slips.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from mic2025.plan import Plan
from mic2025.web.errors import install_error_handlers, security_headers
from mic2025.web.limits import FailureLimiter, Guard, Limits
from mic2025.web.service import Publication

STATIC = Path(__file__).parent / "static"


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
    _add_middleware(app, publication, limits)
    app.middleware("http")(security_headers)
    install_error_handlers(app)
    return app


def _add_middleware(app: FastAPI, publication: Publication, limits: Limits) -> None:
    """Outermost first: CORS answers preflights, then the guard (auth, caps, HEAD)."""
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


def app_from_environment() -> FastAPI:
    """The app for ``$MIC2025_DB`` and ``$MIC2025_PLAN``: what each worker process builds
    when ``mic2025 serve --workers N`` runs several (uvicorn's factory mode)."""
    import os

    return create_app(os.environ.get("MIC2025_DB"), plan_path=os.environ.get("MIC2025_PLAN") or None)


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
