"""Evaluation reports in five languages, as self-contained HTML or as PDF, with charts.

``build_report(monitor, lang, fmt)`` returns the HTML text or the PDF bytes.  The
pipeline is: ``context.gather`` (select and format, never compute) ->
``render_html`` (Jinja2 templates, inline CSS and SVG) -> ``render_pdf`` (WeasyPrint).
Charts are Vega-Lite specs from ``charts`` rendered to SVG by vl-convert, so the web
dashboard can reuse the specs unchanged.  See docs/reports.md.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.report.context import ReportModel, build_model, gather
    from mic2025.report.render_html import render_html
    from mic2025.report.render_pdf import render_pdf

FORMATS: tuple[str, ...] = ("html", "pdf")


def build_report(
    monitor: Any,
    lang: str = "en",
    fmt: Literal["html", "pdf"] = "html",
    milestone: int | None = None,
    as_of: dt.date | str | None = None,
    area: str = "CN",
    generated: dt.date | None = None,
) -> str | bytes:
    """A report from an open ``mic2025.open(...)`` handle: HTML text or PDF bytes.

    ``generated`` is printed as the report date only when given, so the same inputs
    always give the same HTML.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use html or pdf")
    from mic2025.report.context import gather
    from mic2025.report.render_html import render_html
    from mic2025.report.render_pdf import render_pdf

    model = gather(monitor, lang=lang, milestone=milestone, as_of=as_of, area=area, generated=generated)
    html = render_html(model)
    return html if fmt == "html" else render_pdf(html)


__all__ = ["FORMATS", "ReportModel", "build_model", "build_report", "gather", "render_html", "render_pdf"]
__getattr__, __dir__ = exports(
    __name__,
    {
        "ReportModel": "context",
        "build_model": "context",
        "gather": "context",
        "render_html": "render_html",
        "render_pdf": "render_pdf",
    },
)
