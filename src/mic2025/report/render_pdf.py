"""The report as PDF: WeasyPrint over the very same HTML, with the print CSS.

Fonts come from the system through fontconfig (Debian's fonts-noto-cjk and DejaVu),
so Chinese, Japanese and Korean text is set in real CJK glyphs and embedded as font
subsets; the HTML has no ``@font-face`` and no URL, and the URL fetcher refuses every
request so that a stray link can never make the PDF depend on the network.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint URL fetcher that fetches nothing: reports must not need the network."""
    raise ValueError(f"report rendering does not fetch resources: {url}")


@cache
def _font_config() -> Any:
    """One WeasyPrint font configuration per process, shared by every report it renders.

    Why: a new configuration per document makes WeasyPrint set up fontconfig and
    Pango's font map again and forget the faces it already loaded; a batch worker
    lays out several languages' PDFs with the same system fonts.
    """
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(html: str) -> bytes:
    """PDF bytes of a report's HTML (A4, page numbers, CJK fonts from fontconfig)."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_no_fetch, base_url=None)
    return document.write_pdf(font_config=_font_config())


def write_pdf_file(html: str, path: str) -> str:
    """Render ``html`` to the PDF file ``path`` and return the path (a batch worker's job)."""
    Path(path).write_bytes(render_pdf(html))
    return path
