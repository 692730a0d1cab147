"""The sources page: who published each figure, in the reader's language where known."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mic2025.present.formatter import missing
from mic2025.vocabulary import GRADE_NAMES
from mic2025.web.service import Publication
from mic2025.web.views.common import Fmt, vintage_text


@dataclass(frozen=True)
class SourceRow:
    id: str
    title: str
    publisher: str
    table: str
    published: str
    grade: str
    weak: bool
    host: str
    url: str
    note: str
    synthetic: bool


def _text(value: Any) -> str:
    return "" if missing(value) else str(value)


def shown_title(row: dict[str, Any], lang: str) -> str:
    """The title in English on English pages; elsewhere the source's own (original-language)
    title where it is recorded, since the English rendering would be foreign to the reader."""
    original = _text(row.get("title_original"))
    return original if original and lang != "en" else _text(row.get("title"))


def shown_publisher(row: dict[str, Any], lang: str) -> str:
    original = _text(row.get("publisher_original"))
    return original if original and lang != "en" else _text(row.get("publisher"))


def host(url: str) -> str:
    """The address's host ("www.gov.cn"): enough to recognise a site without a wall of text."""
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def source_rows(pub: Publication, lang: str) -> list[SourceRow]:
    """Every registered source; notes and licences (free English text) on English pages only."""
    fmt = Fmt(lang)
    frame = pub.sources()
    out = []
    for r in frame.to_dict("records"):
        url, grade = _text(r.get("url")), _text(r.get("grade"))
        out.append(
            SourceRow(
                id=str(r["id"]),
                title=shown_title(r, lang),
                publisher=shown_publisher(r, lang),
                table=_text(r.get("table")),
                published=vintage_text(r.get("published")),
                grade=fmt._(GRADE_NAMES.get(grade, grade)),
                weak=grade == "weak",
                host=host(url) if url else "",
                url=url,
                note=_text(r.get("note")) if lang == "en" else "",
                synthetic=bool(r.get("synthetic")) if not missing(r.get("synthetic")) else False,
            )
        )
    return out
