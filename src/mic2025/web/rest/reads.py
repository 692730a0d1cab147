"""Public reads: the plan, its indicators, published figures and the sources."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from mic2025.plan.describe import unit_label
from mic2025.web import models as M
from mic2025.web.auth import ApiError
from mic2025.web.rest.common import (
    ERRORS,
    PAGE_HEADERS,
    AsOfQuery,
    Code,
    LangQuery,
    Limit,
    Offset,
    Pub,
    cached_json,
    check_filters,
    records,
    target_out,
)
from mic2025.web.service import Publication

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


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
