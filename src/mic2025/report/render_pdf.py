"""The report as PDF: WeasyPrint over the very same HTML, with the print CSS.

Fonts come from the system through fontconfig (Debian's fonts-noto-cjk and DejaVu),
so Chinese, Japanese and Korean text is set in real CJK glyphs and embedded as font
subsets; the HTML has no ``@font-face`` and no URL, and the URL fetcher refuses every
request so that a stray link can never make the PDF depend on the network.
"""

from __future__ import annotations

from typing import Any


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint URL fetcher that fetches nothing: reports must not need the network."""
    raise ValueError(f"report rendering does not fetch resources: {url}")


def render_pdf(html: str) -> bytes:
    """PDF bytes of a report's HTML (A4, page numbers, CJK fonts from fontconfig)."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetch, base_url=None).write_pdf()
