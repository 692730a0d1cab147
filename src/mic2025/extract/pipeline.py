"""From a document's text to its target candidates: tables first, then running text.

Tables are read first and their spans kept out of the sentence finder, so a table row is
never read twice.  Linking to a reference plan's indicators happens afterwards
(:mod:`mic2025.extract.linking`), so extraction itself needs no plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mic2025.extract.candidate import Candidate
from mic2025.extract.finder import Context, find_in_text
from mic2025.extract.language import check_lang, detect_language
from mic2025.extract.table_targets import table_candidates
from mic2025.extract.tables import find_tables
from mic2025.extract.textview import build_view
from mic2025.extract.years import document_year


@dataclass
class Extraction:
    """What was found in one document."""

    candidates: list[Candidate]
    doc_year: int | None
    lang: str
    skipped_table_runs: int = 0
    notes: list[str] = field(default_factory=list)


def extract_text(text: str, *, lang: str = "auto", doc_year: int | None = None) -> Extraction:
    """Every target candidate of ``text``, in document order.

    Parameters
    ----------
    text:
        The document's text (as :func:`mic2025.extract.readers.read_document` returns it).
    lang:
        ``auto`` (each sentence's language from its script) or one of the five languages.
    doc_year:
        The year the document was issued; read from the text when None.  Years after it
        are targets, years up to it are baselines or history.
    """
    check_lang(lang)
    view = build_view(text)
    year = doc_year if doc_year is not None else document_year(view.text)
    tables = find_tables(text)
    found: list[Candidate] = []
    for table in tables:
        found.extend(table_candidates(table, text, doc_year=year, lang=lang))
    spans = [(t.start, t.end) for t in tables]
    found.extend(find_in_text(view, Context(year, lang), skip=spans))
    found.sort(key=lambda c: (c.start, c.end))
    extraction = Extraction(found, year, lang if lang != "auto" else detect_language(text[:5000]))
    extraction.skipped_table_runs = sum(t.skipped for t in tables)
    if year is None:
        extraction.notes.append("no document date found: only years marked as deadlines were read as targets")
    extraction.notes.extend(note for t in tables for note in t.notes)
    if extraction.skipped_table_runs:
        extraction.notes.append(
            f"{extraction.skipped_table_runs} table row(s) did not fit the year columns and were left out"
        )
    return extraction
