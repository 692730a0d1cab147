"""Plans from documents: extract quantified targets and compare plan versions (issue #16).

``extract_plan`` reads a document (text, HTML, PDF, .docx) in any of the five languages,
finds every quantified target (indicator phrase, value, unit, year, comparator, baseline,
kind, quote), links phrases to a reference plan's indicators and returns a draft plan
that ``mic2025 plan check`` accepts.  ``diff_plans`` compares two plans.  One module per
job: :mod:`readers`, :mod:`numerals`, :mod:`years`, :mod:`comparators`, :mod:`patterns`,
:mod:`quantities`, :mod:`finder`, :mod:`tables`, :mod:`linking`, :mod:`draft`, :mod:`diff`,
:mod:`score`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mic2025.extract.candidate import Candidate
from mic2025.extract.diff import Change, diff_plans
from mic2025.extract.draft import build_plan, to_toml
from mic2025.extract.linking import link
from mic2025.extract.pipeline import Extraction, extract_text
from mic2025.extract.readers import Document, DocumentError, read_document
from mic2025.extract.years import document_date
from mic2025.plan.model import Plan

__all__ = [
    "Candidate",
    "Change",
    "DocumentError",
    "Draft",
    "Extraction",
    "diff_plans",
    "extract_plan",
    "extract_text",
    "read_document",
]


@dataclass
class Draft:
    """An extracted document: the candidates, the draft plan's data and its TOML."""

    document: Document
    extraction: Extraction
    plan_data: dict[str, Any]

    def toml(self) -> str:
        """The draft as TOML, with a header telling the reviewer what to check."""
        header = (
            f"Draft plan extracted by `mic2025 plan extract` from {self.document.path}.\n"
            "Review every element with draft = true (its label says why), fix the title,\n"
            "issuer and date, then run `mic2025 plan check` on this file.\n"
            + "".join(f"Note: {note}\n" for note in self.extraction.notes)
        )
        return to_toml(self.plan_data, header=header)

    def plan(self) -> Plan:
        return Plan.model_validate(self.plan_data)


def extract_plan(
    path: str | Path, *, lang: str = "auto", reference: Plan | None = None, doc_year: int | None = None
) -> Draft:
    """Read ``path`` and return its targets as a draft plan.

    Parameters
    ----------
    path:
        A plain-text, HTML, PDF (text layer) or .docx document.
    lang:
        ``auto`` or one of ``en``, ``zh-Hans``, ``zh-Hant``, ``ja``, ``ko``.
    reference:
        The plan whose indicators the phrases are linked to (the built-in plan in the
        command line's default); None to link nothing and give every indicator a slug.
    doc_year:
        The year the document was issued, when the text does not say.
    """
    document = read_document(path)
    extraction = extract_text(document.text, lang=lang, doc_year=doc_year)
    link(extraction.candidates, reference)
    plan_data = build_plan(
        extraction.candidates,
        source=document.text,
        document=document.path,
        reference=reference,
        issued=document_date(document.text),
    )
    return Draft(document, extraction, plan_data)
