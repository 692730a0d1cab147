"""Dashboard pages in five languages, rendered on the server from package templates.

Every interface string goes through ``_()`` (the Babel catalogues; English until a
string is translated), plan labels through ``Labels.get(lang)``.  Pages need no
JavaScript and load nothing but ``/static/style.css``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from mic2025.evaluate.status import STATUSES
from mic2025.evaluate.status import TABLE as STATUS_TABLE
from mic2025.i18n import translator
from mic2025.languages import CODES as LANGUAGES
from mic2025.languages import TABLE as LANGUAGE_TABLE
from mic2025.store.areas import CHINA_AREAS, NATIONAL
from mic2025.web import views
from mic2025.web.auth import ApiError, publication
from mic2025.web.service import Publication
from mic2025.web.views.common import TOTAL, choices

TEMPLATES = Path(__file__).parent / "templates"


env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
router = APIRouter(include_in_schema=False)
Pub = Annotated[Publication, Depends(publication)]


class PageParams:
    """The query every page understands: ``lang``, ``as_of``, ``milestone``, ``area``, ``sector``."""

    def __init__(
        self,
        request: Request,
        lang: str = "en",
        as_of: str | None = None,
        milestone: str | None = None,
        area: Annotated[str, Query(max_length=8)] = NATIONAL,
        sector: Annotated[str, Query(max_length=64)] = TOTAL,
    ) -> None:
        if lang not in LANGUAGES:
            raise ApiError(400, f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
        self.request = request
        self.lang = lang
        self.as_of: dt.date | None = None
        if as_of:
            try:
                self.as_of = dt.date.fromisoformat(as_of)
            except ValueError as exc:
                raise ApiError(400, f"as_of {as_of!r} is not a date (YYYY-MM-DD)") from exc
        self.milestone: int | None = None
        if milestone:
            if milestone not in ("2020", "2025"):
                raise ApiError(400, "milestone must be 2020 or 2025")
            self.milestone = int(milestone)
        if area not in CHINA_AREAS:
            raise ApiError(400, f"area {area!r} is not CN or a province code such as CN-GD")
        self.area = area
        self.sector = sector

    def query(self, **changes: Any) -> str:
        """This page's query string with some parameters changed (None drops one)."""
        params: dict[str, Any] = {
            "lang": self.lang,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "milestone": self.milestone,
            "area": None if self.area == NATIONAL else self.area,
            "sector": None if self.sector == TOTAL else self.sector,
        }
        params.update(changes)
        kept = {k: v for k, v in params.items() if v not in (None, "", False)}
        return ("?" + urlencode(kept)) if kept else ""

    def url(self, path: str, **changes: Any) -> str:
        return path + self.query(**changes)


Params = Annotated[PageParams, Depends()]


def render(name: str, params: PageParams, title: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in ``params.lang`` with the shared frame (navigation, language switcher)."""
    _ = translator(params.lang)
    path = params.request.url.path
    own_area = path.startswith("/area/")  # the path names the area already
    languages = [
        (
            lang.code,
            lang.native,
            params.url(path, lang=lang.code, **({"area": None} if own_area else {})),
            lang.code == params.lang,
        )
        for lang in LANGUAGE_TABLE
    ]
    nav = [
        (params.url("/", area=None), _("Overview"), path == "/"),
        (params.url("/sources", area=None, sector=None), _("Sources"), path == "/sources"),
        (params.url("/gaps", area=None, sector=None), _("Figures not published"), path == "/gaps"),
        (params.url("/about", area=None, sector=None), _("About the method"), path == "/about"),
    ]
    html = env.get_template(name).render(
        _=_,
        lang=params.lang,
        p=params,
        title=title,
        languages=languages,
        nav=nav,
        statuses=STATUSES,
        status_table=STATUS_TABLE,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An error as a page in the requested language (English if that is the problem)."""
    lang = request.query_params.get("lang", "en")
    params = PageParams.__new__(PageParams)
    params.request, params.lang, params.as_of, params.milestone = (
        request,
        lang if lang in LANGUAGES else "en",
        None,
        None,
    )
    params.area, params.sector = NATIONAL, TOTAL
    _ = translator(params.lang)
    return render("error.html", params, _("Error"), status_code=status, status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def overview_page(p: Params, pub: Pub) -> HTMLResponse:
    """The one-page dashboard; a province chosen in its form has a page of its own."""
    if p.area != NATIONAL:
        return RedirectResponse(p.url(f"/area/{p.area}", area=None, sector=None), status_code=303)  # type: ignore[return-value]
    if p.sector not in dict(choices(pub.plan, views.Fmt(p.lang)).sectors):
        raise ApiError(400, f"sector {p.sector!r} is not _T or a priority sector of the plan")
    model = views.home(pub, p.lang, p.as_of, p.milestone, p.sector)
    return render("home.html", p, model.plan_title, m=model)


@router.get("/area/{code}", response_class=HTMLResponse)
def area(code: str, p: Params, pub: Pub) -> HTMLResponse:
    """A province: named, with the verdicts and figures of its own published figures."""
    if code == NATIONAL:
        return RedirectResponse(p.url("/", area=None), status_code=303)  # type: ignore[return-value]
    if code not in CHINA_AREAS:
        _ = translator(p.lang)
        raise ApiError(404, _("No area with this code:") + f" {code}")
    p.area = code
    model = views.area_page(pub, code, p.lang, p.as_of, p.milestone)
    return render("area.html", p, model.name, m=model)


@router.get("/indicator/{indicator_id}", response_class=HTMLResponse)
def indicator(indicator_id: str, p: Params, pub: Pub, all_vintages: bool = False) -> HTMLResponse:
    try:
        ind = pub.plan.indicator(indicator_id)
    except KeyError as exc:
        _ = translator(p.lang)
        raise ApiError(404, _("No indicator with this id:") + f" {indicator_id}") from exc
    model = views.indicator_page(pub, ind, p.lang, p.as_of, p.area, all_vintages)
    return render("indicator.html", p, model.label, m=model, choices=choices(pub.plan, views.Fmt(p.lang)))


@router.get("/sources", response_class=HTMLResponse)
def sources(p: Params, pub: Pub) -> HTMLResponse:
    _ = translator(p.lang)
    return render("sources.html", p, _("Sources"), rows=views.source_rows(pub, p.lang))


@router.get("/gaps", response_class=HTMLResponse)
def gaps(p: Params, pub: Pub) -> HTMLResponse:
    _ = translator(p.lang)
    rows = views.gap_rows(pub.plan, views.Fmt(p.lang))
    return render("gaps.html", p, _("Figures not published"), rows=rows)


@router.get("/about", response_class=HTMLResponse)
def about(p: Params, pub: Pub) -> HTMLResponse:
    _ = translator(p.lang)
    from mic2025.evaluate.methods import METHODS

    methods = [(m.NAME, _(m.LABEL), _(m.DESCRIPTION)) for m in METHODS.values()]
    fmt = views.Fmt(p.lang)
    return render(
        "about.html",
        p,
        _("About the method"),
        methods=methods,
        legend=[fmt.status(s) for s in STATUSES],
        plan_title=pub.plan.title.get(p.lang),
    )
