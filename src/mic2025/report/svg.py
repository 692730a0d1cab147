"""Chart SVG without the nodes that draw nothing, so reports parse and lay out faster.

Why: vl-convert writes every Vega scenegraph group as nested ``<g>`` elements, a
zero-size "background" path per group and a hidden "foreground" path per group — about
a fifth of a chart's elements, none of which paints anything.  WeasyPrint parses, styles
and walks every one of them (22 charts per report, five languages), and a browser does
the same for the HTML.  Removing them changes no pixel: only elements with
``display="none"`` or an empty path, and groups without any presentation attribute
(their children keep every attribute and move up one level), are touched.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_G = f"{{{SVG_NS}}}g"
_PATH = f"{{{SVG_NS}}}path"
EMPTY_PATHS = frozenset({"", "M0,0h0v0h0Z"})
"""Path data that encloses nothing: what vl-convert writes for a group with no size."""
INERT = frozenset({"class", "pointer-events"})
"""Attributes of a group that change neither painting nor what assistive technology reads."""


def _draws_nothing(el: ET.Element) -> bool:
    """An element that paints nothing wherever it is: hidden, or a path without area."""
    if el.get("display") == "none":
        return True
    return el.tag == _PATH and el.get("d", "").strip() in EMPTY_PATHS and el.get("stroke") is None


def _lean(parent: ET.Element) -> None:
    """Drop the children of ``parent`` that draw nothing and unwrap inert groups, in place."""
    children: list[ET.Element] = []
    for child in list(parent):
        if _draws_nothing(child):
            continue
        _lean(child)
        if child.tag == _G and set(child.attrib) <= INERT and not (child.text or "").strip():
            children.extend(child)  # its children take its place, in order
        else:
            children.append(child)
    for child in list(parent):
        parent.remove(child)
    parent.extend(children)


def _local(name: str) -> str:
    """``{svg}g`` -> ``g``, ``{xlink}href`` -> ``xlink:href``, other names unchanged."""
    if name.startswith(f"{{{SVG_NS}}}"):
        return name[len(SVG_NS) + 2 :]
    if name.startswith(f"{{{XLINK_NS}}}"):
        return "xlink:" + name[len(XLINK_NS) + 2 :]
    return name


def _write(el: ET.Element, out: list[str]) -> None:
    """Serialise ``el`` with SVG as the default namespace (no ``ns0:`` prefixes)."""
    attrs = "".join(f" {_local(k)}={quoteattr(v)}" for k, v in el.attrib.items())
    tag = _local(el.tag)
    if len(el) == 0 and not el.text:
        out.append(f"<{tag}{attrs}/>")
    else:
        out.append(f"<{tag}{attrs}>{escape(el.text or '')}")
        for child in el:
            _write(child, out)
        out.append(f"</{tag}>")
    out.append(escape(el.tail or ""))


def lean_svg(svg: str) -> str:
    """``svg`` with the elements that draw nothing removed (see the module docstring).

    Serialised here rather than by ``ElementTree.tostring``: that relies on the global
    namespace-prefix registry, which WeasyPrint changes when it imports its PDF metadata
    module (the output then read ``<ns0:svg>``, which an HTML parser takes for text).
    """
    root = ET.fromstring(svg)
    _lean(root)
    names = {"xmlns": SVG_NS}
    if "xmlns:xlink" in svg[: svg.find(">")]:
        names["xmlns:xlink"] = XLINK_NS
    root.attrib = {**names, **root.attrib}
    out: list[str] = []
    _write(root, out)
    return "".join(out)
