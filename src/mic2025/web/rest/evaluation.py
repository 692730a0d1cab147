"""The evaluation (one verdict per target with its evidence) and the composite indices."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam

from mic2025.evaluate.status import STATUSES
from mic2025.plan.describe import describe_target
from mic2025.present.formatter import Formatter
from mic2025.store.areas import CHINA_AREAS
from mic2025.vocabulary import group_label
from mic2025.web import models as M
from mic2025.web.auth import ApiError
from mic2025.web.rest.common import (
    AREA_PATTERN,
    ERRORS,
    YEARS_PATTERN,
    AsOfQuery,
    LangQuery,
    Pub,
    cached_json,
    number_or_none,
    records,
    text_or_none,
    unknown_values,
)
from mic2025.web.service import INDEX_SPECS, Publication, index_result
from mic2025.years import parse_years

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

SpecName = Literal[INDEX_SPECS]  # type: ignore[valid-type]
"""The built-in specs, discovered from their files (a new spec file is a new path)."""


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
        raise unknown_values("area", [area], "evaluated areas are CN and the 31 provinces (CN-GD ...)")
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
        category=text_or_none(r["category"]),
        project=text_or_none(r["project"]),
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
        baseline_year=None if number_or_none(r["baseline_year"]) is None else int(r["baseline_year"]),
        baseline_value=number_or_none(r["baseline_value"]),
        target_year=int(r["target_year"]),
        target_value=number_or_none(r["target_value"]),
        evidence_period=text_or_none(r["evidence_period"]),
        evidence_value=number_or_none(r["evidence_value"]),
        evidence_qualifier=text_or_none(r["evidence_qualifier"]),
        evidence_source=text_or_none(r["evidence_source"]),
        evidence_grade=text_or_none(r["evidence_grade"]),
        weak_source=bool(r["weak_source"]),
        lag_years=number_or_none(r["lag_years"]),
        n_points=int(r["n_points"] or 0),
        share_travelled=number_or_none(r["share_travelled"]),
        momentum=str(r["momentum"] or ""),
        gap=number_or_none(r["gap"]),
        note=words.notes(r["note"]),
    )


@router.get("/index/{spec}", response_model=M.IndexOut, summary="A composite manufacturing-power index")
def get_index(
    spec: Annotated[SpecName, PathParam(description="built-in spec")],
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
                score=number_or_none(r["score"]),
                rank=number_or_none(r["rank"]),
                tier=text_or_none(r["tier"]),
                coverage=number_or_none(r["coverage"]),
                n_indicators=r["n_indicators"],
                n_imputed=r["n_imputed"],
                dimensions={
                    str(d): number_or_none(s) for d, s in zip(mine["dimension"], mine["score"], strict=True)
                },
            )
        )
    steps = [
        {k: (number_or_none(v) if isinstance(v, float) else v) for k, v in row.items()}
        for row in records(result.steps)
    ]
    weights = [
        {k: (number_or_none(v) if isinstance(v, float) else v) for k, v in row.items()}
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
