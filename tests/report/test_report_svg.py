"""Chart SVG without the elements that draw nothing: fewer nodes, the same picture."""

from __future__ import annotations

import re

import vl_convert as vlc
from test_report_charts import _spec

from mic2025.report import charts
from mic2025.report.svg import lean_svg

NS = 'xmlns="http://www.w3.org/2000/svg"'


def _elements(svg: str) -> int:
    return len(re.findall(r"<[a-zA-Z]", svg))


def test_lean_svg_drops_only_what_paints_nothing() -> None:
    svg = (
        f'<svg {NS} width="10" height="10"><g><g class="mark-group" pointer-events="none">'
        '<path class="background" d="M0,0h0v0h0Z"/><path d="M0,0L5,5" stroke="red"/></g></g>'
        '<g transform="translate(1,1)"><rect width="2" height="2"/></g>'
        '<g aria-hidden="true"><text>a &lt; b &amp; "c"</text></g>'
        '<path class="foreground" d="M0,0L9,9" display="none"/><path d="M0,0h0v0h0Z" stroke="#000"/></svg>'
    )
    assert lean_svg(svg) == (
        f'<svg {NS} width="10" height="10"><path d="M0,0L5,5" stroke="red"/>'
        '<g transform="translate(1,1)"><rect width="2" height="2"/></g>'
        '<g aria-hidden="true"><text>a &lt; b &amp; "c"</text></g><path d="M0,0h0v0h0Z" stroke="#000"/></svg>'
    )


def test_lean_chart_has_fewer_elements_and_the_same_pixels() -> None:
    raw = vlc.vegalite_to_svg(_spec())
    lean = lean_svg(raw)
    assert _elements(lean) < 0.8 * _elements(raw)
    assert vlc.svg_to_png(lean) == vlc.svg_to_png(raw)


def test_render_svg_serves_the_lean_svg() -> None:
    svg = charts.render_svg(_spec(), id_prefix="c-x")
    assert 'd="M0,0h0v0h0Z"' not in svg and 'display="none"' not in svg
    assert svg.startswith("<svg") and 'class="marks" role="img"' in svg


def test_lean_svg_stays_html_svg_after_weasyprint_registers_its_namespaces() -> None:
    """WeasyPrint's metadata module maps the empty prefix to '' in ElementTree's registry."""
    import weasyprint.pdf.metadata  # noqa: F401

    charts._svg_from_json.cache_clear()
    svg = charts.render_svg(_spec(), id_prefix="c-x")
    assert svg.startswith(f"<svg {NS}"), svg[:80]
    assert not re.search(r"<\w+:", svg), re.search(r"<\w+:", svg)
