"""The REST API under ``/api``: JSON in, JSON out, every shape a pydantic model.

Reads of published figures are public and call the store, ``mic2025.evaluate`` and
``mic2025.index``; writes need a token (see :mod:`mic2025.web.auth`) and go through the
same validation as ``mic2025 ingest`` — a batch is stored whole or not at all — and land
*pending* until a reviewer approves them (``admin`` writes are published at once).
Batches, review decisions, the audit log and tokens are for reviewers and admins.

Every list is paged (``limit``, ``offset``) and says how long it is in all
(``X-Total-Count``) and where its other pages are (``Link``, RFC 8288).

One module per group of resources; each has its own router, and :data:`router` joins
them.  ``GET /api`` lists every route from the joined router itself, so a new route
appears there without being listed by hand.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.routing import APIRoute

from mic2025.web import models as M
from mic2025.web.rest import evaluation, reads, review, tokens, writes

GROUPS = (reads, evaluation, writes, review, tokens)
"""In the order ``GET /api`` lists them: what most callers want first."""

index_router = APIRouter()


def routes() -> list[APIRoute]:
    """Every route of the API as declared (the joined router holds FastAPI's wrappers)."""
    found = [r for group in GROUPS for r in group.router.routes if isinstance(r, APIRoute)]
    return [*found, *(r for r in index_router.routes if isinstance(r, APIRoute))]


@index_router.get(
    "/api",
    response_model=M.ApiIndex,
    tags=["api"],
    summary="What this API offers: every route with its methods and what it does",
)
def get_api_index(request: Request) -> M.ApiIndex:
    listed = [
        M.ApiRoute(
            path=route.path,
            methods=sorted(route.methods - {"HEAD"}),
            summary=route.summary or "",
            token=any(code in route.responses for code in (401, "401")),
        )
        for route in routes()
    ]
    base = str(request.base_url).rstrip("/")
    return M.ApiIndex(
        title="mic2025 REST API",
        openapi=f"{base}/openapi.json",
        documentation=f"{base}/about",
        routes=listed,
    )


router = APIRouter()
for _group in GROUPS:
    router.include_router(_group.router)
router.include_router(index_router)
