"""The REST API under ``/api``: JSON in, JSON out, every shape a pydantic model.

Reads are public and call the store, ``mic2025.evaluate`` and ``mic2025.index``;
writes need a token (see ``auth``) and go through the same validation as ``mic2025
ingest`` — a batch is stored whole or not at all.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
import pyarrow as pa
from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi import Path as PathParam
from pydantic import StringConstraints

from mic2025.evaluate.status import STATUSES, status_label
from mic2025.i18n import translator
from mic2025.ingest import IngestError
from mic2025.plan.describe import describe_target, unit_label
from mic2025.plan.model import Target
from mic2025.store.tokens import Principal
from mic2025.vocabulary import group_label
from mic2025.web import models as M
from mic2025.web.auth import ApiError, CurrentPrincipal, RowRef, check_rows, publication, require
from mic2025.web.service import INDEX_SPECS, Publication, index_result
from mic2025.years import parse_years

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": M.ErrorBody, "description": "Bad request"},
    404: {"model": M.ErrorBody, "description": "Not found"},
    422: {"model": M.ErrorBody, "description": "Invalid input; every problem is listed"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": M.ErrorBody, "description": "No token, or an unknown or revoked one"},
    403: {"model": M.ErrorBody, "description": "The token's scopes do not allow this write"},
}
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
_YEAR = r"(19|20)\d{2}"
YEARS_PATTERN = rf"^{_YEAR}(-{_YEAR})?(,{_YEAR}(-{_YEAR})?)*$"
AREA_PATTERN = r"^(CN(-[A-Z]{2})?|[A-Z]{3})$"
CODE_PATTERN = r"^[^\x00-\x1f\x7f]{1,200}$"
"""Filter values: any printable text (the store's SQL cannot carry a NUL byte)."""
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
Pub = Annotated[Publication, Depends(publication)]
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


# -- plan ------------------------------------------------------------------------------
@router.get("/plan", response_model=M.PlanOut, summary="The plan's structure, labelled in one language")
def get_plan(pub: Pub, lang: LangQuery = "en") -> M.PlanOut:
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
def get_indicators(pub: Pub, lang: LangQuery = "en") -> list[M.IndicatorOut]:
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
    summary="Figures in force (or every vintage), each with its source and vintage",
)
def get_observations(
    pub: Pub,
    indicator: Annotated[list[Code] | None, Query(description="indicator id (repeatable)")] = None,
    area: Annotated[list[Code] | None, Query(description="area code, e.g. CN or CN-GD (repeatable)")] = None,
    sector: Annotated[list[Code] | None, Query(description="sector code (repeatable)")] = None,
    entity: Annotated[list[Code] | None, Query(description="reporting unit (repeatable)")] = None,
    as_of: AsOfQuery = None,
    all_vintages: Annotated[bool, Query(description="every vintage instead of the one in force")] = False,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
    offset: Annotated[int, Query(ge=0, le=2**53)] = 0,  # beyond any store; keeps SQL in int64
) -> list[dict[str, Any]]:
    frame = pub.observations(
        indicator=indicator,
        area=area,
        sector=sector,
        entity=entity,
        as_of=as_of,
        all_vintages=all_vintages,
        limit=limit,
        offset=offset,
    )
    return records(frame)


@router.get("/sources", response_model=list[M.SourceOut], summary="Every registered source")
def get_sources(pub: Pub) -> list[dict[str, Any]]:
    return records(pub.sources())


@router.get("/batches", response_model=list[M.BatchOut], summary="Every batch written, oldest first")
def get_batches(pub: Pub) -> list[dict[str, Any]]:
    frame = pub.batches()
    # the store keeps naive UTC; say so, so clients do not read it as local time
    frame["loaded_at"] = pd.to_datetime(frame["loaded_at"]).dt.tz_localize("UTC")
    return records(frame)


# -- evaluation ------------------------------------------------------------------------
@router.get(
    "/evaluation",
    response_model=M.EvaluationOut,
    summary="Headline status per target (most cautious of three methods) and roll-ups",
)
def get_evaluation(
    pub: Pub,
    milestone: Annotated[M.Milestone | None, Query(description="2020 or 2025; all if omitted")] = None,
    as_of: AsOfQuery = None,
    area: Annotated[str | None, Query(pattern=AREA_PATTERN, description="CN, CN-GD, ...")] = None,
    lang: LangQuery = "en",
) -> M.EvaluationOut:
    plan = pub.plan
    _ = translator(lang)
    year = int(milestone) if milestone is not None else None
    heads = pub.headline(as_of, year, area)
    roll = pub.rollup(as_of, year, area)
    targets = {t.id: t for t in plan.targets()}
    labels = {i.id: i.labels.get(lang) for i in plan.indicators}
    rows = []
    for r in records(heads):
        target = targets.get(r["target"])
        methods = {k.removeprefix("status_"): v for k, v in r.items() if k.startswith("status_") and v}
        methods.pop("symbol", None)
        methods.pop("ascii", None)
        rows.append(
            M.HeadlineRow(
                target=r["target"],
                target_text=describe_target(target, plan, lang) if target else "",
                indicator=r["indicator"],
                indicator_label=labels.get(r["indicator"], r["indicator"]),
                category=_text(r["category"]),
                project=_text(r["project"]),
                area=r["area"],
                sector=r["sector"],
                proxy=bool(r["proxy"]),
                status=r["status"],
                status_symbol=r["status_symbol"],
                status_label=status_label(r["status"], lang),
                decided_by=r["decided_by"] or "",
                methods=methods,
                unit=r["unit"],
                baseline_year=None if _num(r["baseline_year"]) is None else int(r["baseline_year"]),
                baseline_value=_num(r["baseline_value"]),
                target_year=int(r["target_year"]),
                target_value=_num(r["target_value"]),
                latest_period=_text(r["latest_period"]),
                latest_value=_num(r["latest_value"]),
                progress_ratio=_num(r["progress_ratio"]),
                gap=_num(r["gap"]),
                note=r["note"] or "",
            )
        )
    judged = [r for r in rows if not r.proxy]
    counts = {s: sum(1 for r in judged if r.status == s) for s in STATUSES}
    rollup_rows = [
        M.RollupRow(
            dimension=r["dimension"],
            group=r["group"],
            group_label=group_label(plan, r["dimension"], r["group"], lang, _),
            counts={s: int(r[s]) for s in STATUSES},
            total=int(r["total"]),
            note=r["note"] or "",
        )
        for r in records(roll)
    ]
    return M.EvaluationOut(
        lang=lang,
        as_of=as_of,
        milestone=year,
        area=area,
        counts=counts,
        headline=rows,
        rollup=rollup_rows,
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


def _rejected(error: IngestError, file: str, json_rows: bool) -> ApiError:
    n = len(error.problems)
    return ApiError(
        422, f"{file}: rejected, {n} problem(s); nothing was written", _problems(error, file, json_rows)
    )


@router.post(
    "/observations",
    response_model=M.BatchResultOut,
    status_code=201,
    responses=WRITE_ERRORS,
    summary="Write figures as one validated batch (all rows or none)",
)
def post_observations(body: M.ObservationsIn, who: CurrentPrincipal, pub: Pub) -> M.BatchResultOut:
    rows = [r.model_dump() for r in body.rows]
    check_rows(who, [RowRef(i + 2, i, r["area"], r["entity"] or "") for i, r in enumerate(rows)], "request")
    frame = pd.DataFrame(rows)
    frame = frame[
        [c for c in frame.columns if c in ("indicator", "area", "period", "value") or frame[c].notna().any()]
    ]
    with pub.locked(write=True) as m:
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
    return M.BatchResultOut(**result.__dict__, who=who.name)


def _safe_name(name: str | None) -> str:
    base = Path(name or "upload.csv").name
    return re.sub(r"[^A-Za-z0-9_.-]", "_", base)[-120:] or "upload.csv"


@router.post(
    "/observations/file",
    response_model=M.BatchResultOut,
    status_code=201,
    responses={**WRITE_ERRORS, 413: {"model": M.ErrorBody, "description": "File too large"}},
    summary="Upload a CSV, Excel, Parquet or SDMX-CSV file as one validated batch",
)
def post_observation_file(
    who: CurrentPrincipal,
    pub: Pub,
    file: Annotated[UploadFile, File(description="CSV, XLSX, Parquet or SDMX-CSV")],
    source: Annotated[str | None, Form(description="source id for rows that name none")] = None,
    vintage: Annotated[M.IsoDate | None, Form(description="vintage for rows that name none")] = None,
    format: Annotated[Literal["csv", "sdmx-csv", "excel", "parquet"] | None, Form()] = None,
) -> M.BatchResultOut:
    name = _safe_name(file.filename)
    with tempfile.TemporaryDirectory(prefix=f"mic2025-upload-{who.name}-") as tmp:
        path = Path(tmp) / name
        size = 0
        with path.open("wb") as out:
            while chunk := file.file.read(1 << 20):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise ApiError(413, f"{name}: larger than {MAX_UPLOAD_BYTES // (1 << 20)} MiB")
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

        with pub.locked(write=True) as m:
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
    return M.BatchResultOut(**result.__dict__, who=who.name)


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
            added = m.add_sources(rows)
        except ValueError as exc:
            raise ApiError(409, str(exc)) from exc
    return M.SourcesAdded(added=added, already_known=[r["id"] for r in rows if r["id"] not in added])
