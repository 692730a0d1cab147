"""The report as PDF: WeasyPrint over the very same HTML, with the print CSS.

Fonts come from the system through fontconfig (Debian's fonts-noto-cjk and DejaVu),
so Chinese, Japanese and Korean text is set in real CJK glyphs and embedded as font
subsets; the HTML has no ``@font-face`` and no URL, and the URL fetcher refuses every
request so that a stray link can never make the PDF depend on the network.

The PDF is tagged (PDF/UA-1 variant: a structure tree, ``/MarkInfo`` marked) so that
screen readers and text extraction follow the reading order and tables; its language
and title come from the HTML's ``lang`` and ``<title>``, its bookmarks from h1–h3.
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


PDF_VARIANT = "pdf/ua-1"
"""WeasyPrint's PDF/UA variant: tagged PDF 1.7 with the document's language and title."""


def render_pdf(html: str) -> bytes:
    """PDF bytes of a report's HTML (A4, tagged, page numbers, CJK fonts from fontconfig)."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_no_fetch, base_url=None)
    return document.write_pdf(font_config=_font_config(), pdf_variant=PDF_VARIANT)


def write_pdf_file(html: str, path: str) -> str:
    """Render ``html`` to the PDF file ``path`` and return the path (a batch worker's job)."""
    Path(path).write_bytes(render_pdf(html))
    return path
