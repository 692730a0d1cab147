"""The report as one self-contained HTML file (CSS and SVG inline, no external requests).

The same HTML feeds WeasyPrint for the PDF, so the two formats cannot drift apart.
Output is deterministic: nothing here reads the clock, the environment or a random
source, and every list in the model is already in a stable order.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from mic2025.i18n import translator
from mic2025.report.context import ReportModel


@cache
def environment() -> Environment:
    """The Jinja2 environment (templates in ``mic2025/report/templates``), built once."""
    return Environment(
        loader=PackageLoader("mic2025.report", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(model: ReportModel) -> str:
    """The HTML text of a report model; ``_()`` in templates reads the model's language."""
    template = environment().get_template("report.html")
    return template.render(r=model, _=translator(model.lang))
