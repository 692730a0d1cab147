"""How a report names a source: title and publisher in the reader's language where known.

A source carries its title and publisher as rendered in English (``title``,
``publisher``) and, where recorded, as the source itself writes them
(``title_original``, ``publisher_original``, in Chinese for Chinese publications).
An English report reads the English rendering; a report in another language reads the
original-language text where recorded, else the rendering (a title written in Chinese
or Japanese is already the original).  Tables show a short label (title without its
bracketed qualifiers; with its publication date where no vintage column gives it)
linked to the sources annex; the
internal source id is never shown, only used as the link target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mic2025.present.formatter import missing
from mic2025.present.sources import source_text
from mic2025.vocabulary import N_

if TYPE_CHECKING:
    import pandas as pd

LICENCES: dict[str, str] = {
    "facts from public source; cite as given": N_("facts from a public source; cite as given"),
}
"""Licence notes of the bundled sources, marked for the catalogues."""
SHORT_LABEL = N_("{title}, {date}")
_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_ANCHOR = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class SourceName:
    """A source as the report names it: full title and publisher, short label and anchor."""

    id: str
    title: str
    publisher: str
    published: str
    short: str
    dated: str
    anchor: str
    publisher_in_language: bool = True
    """Whether ``publisher`` is in the report's language or the source's own (not a rendering)."""


def anchor(source_id: str) -> str:
    """The in-page anchor of a source's row in the sources annex."""
    return "src-" + _ANCHOR.sub("-", source_id.lower())


def source_names(sources: pd.DataFrame, lang: str, _: Any) -> dict[str, SourceName]:
    """Source id → how the report in ``lang`` names it (``_`` translates the templates)."""
    out = {}
    for r in sources.to_dict("records"):
        sid = str(r["id"])
        title = source_text(r, "title", lang)
        publisher = source_text(r, "publisher", lang)
        published = "" if missing(r.get("published")) else str(r["published"])[:10]
        short = strip_brackets(title or publisher) or sid
        dated = _(SHORT_LABEL).format(title=short, date=published) if published else short
        own = lang == "en" or not missing(r.get("publisher_original"))
        out[sid] = SourceName(sid, title, publisher, published, short, dated, anchor(sid), own)
    return out


def unknown(source_id: str) -> SourceName:
    """A source cited by a figure but not registered: named by nothing but its link."""
    return SourceName(source_id, "", "", "", "—", "—", anchor(source_id))


def strip_brackets(text: str) -> str:
    """A title without its trailing bracketed qualifiers ("… (reprint)", "…（摘要）")."""
    previous = None
    while previous != text:
        previous, text = text, _BRACKETED.sub("", text)
    return text.strip()


def licence(text: str, _: Any) -> str:
    """A licence note in the report language (as given when it is not a known note)."""
    return _(LICENCES[text]) if text in LICENCES else text
