"""The sources page: who published each figure, in the reader's language where known."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mic2025.present.formatter import missing
from mic2025.present.sources import source_text
from mic2025.vocabulary import GRADE_NAMES
from mic2025.web.service import Publication
from mic2025.web.views.common import Fmt, vintage_text

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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
    """The title a reader of ``lang`` sees (the reports' rule, ``present.sources``)."""
    return source_text(row, "title", lang)


def shown_publisher(row: dict[str, Any], lang: str) -> str:
    return source_text(row, "publisher", lang)


def shown_table(table: str, lang: str) -> str:
    """The table or part cited: as recorded on English pages; elsewhere only when it is written
    in Chinese characters (an English description such as "Q2 2016" is left out)."""
    if lang == "en" or _CJK.search(table):
        return table
    return ""


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
                table=shown_table(_text(r.get("table")), lang),
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
