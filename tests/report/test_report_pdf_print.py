"""PDF for publication: tagged with language and title, h1–h3 bookmarks, contents with the
page numbers where the headings really are, and a footer with the title and page number."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mic2025.i18n import translator
from mic2025.plan.model import LANGUAGES

pytestmark = pytest.mark.slow


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(rendered: dict[str, dict[str, str]], lang: str) -> list[str]:
    """pdftotext's text of each page, whitespace removed (CJK has none, lines break anywhere)."""
    return [_squash(page) for page in rendered[lang]["text"].split("\f")]


def _outline(items: list, reader: PdfReader, depth: int = 1) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, depth first."""
    out: list[tuple[int, str, int]] = []
    for item in items:
        if isinstance(item, list):
            out += _outline(item, reader, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return out


def _headings(model, lang: str) -> list[str]:
    """The report's chapter and indicator headings as the template writes them."""
    _ = translator(lang)
    chapters = [f"1. {_('Executive summary')}", f"2. {_('Indicators')}", f"3. {_('Major projects')}"]
    chapters += [f"4. {_('Priority sectors')}", _("Annex A. Methodology"), _("Annex B. Sources")]
    return chapters + [f"2.{i} {s.label}" for i, s in enumerate(model.indicators, 1)]


def _heading_page(pages: list[str], heading: str, after: int) -> int:
    """1-based number of the first page after the contents that holds ``heading``."""
    want = _squash(heading)
    return next(i for i, text in enumerate(pages, 1) if i > after and want in text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_is_tagged_with_language_and_title(pdfs: dict[str, Path], models: dict, lang: str) -> None:
    reader = PdfReader(pdfs[lang])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == lang
    assert reader.metadata.title == f"{models[lang].plan_title} — {models[lang].title}"
    info = subprocess.run(["pdfinfo", str(pdfs[lang])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M), info


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bookmarks_are_h1_to_h3_and_point_at_their_headings(
    pdfs: dict[str, Path], rendered: dict, models: dict, lang: str
) -> None:
    reader = PdfReader(pdfs[lang])
    marks = _outline(reader.outline, reader)
    assert max(depth for depth, _, _ in marks) == 3  # h1 > h2 > h3; h4 makes none
    pages = _pages(rendered, lang)
    by_title = {_squash(title): page for _, title, page in marks}
    for heading in _headings(models[lang], lang):
        assert _squash(heading) in by_title, heading
        assert _squash(heading) in pages[by_title[_squash(heading)] - 1], heading


def _listed_page(toc: str, heading: str) -> int | None:
    """The page number the contents give for ``heading``: the number ending its entry.

    ``toc`` keeps pdftotext's line breaks (spaces removed): a long entry wraps over
    lines, its leader and number end the last one, and the next entry starts a new line.
    """
    name = "\n?".join(re.escape(ch) for ch in _squash(heading))
    found = re.search(name + r"[.·…\n]*?(\d+)\n", toc)
    return int(found.group(1)) if found else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contents_page_numbers_are_where_the_headings_are(rendered: dict, models: dict, lang: str) -> None:
    pages = _pages(rendered, lang)
    lines = [re.sub(r"[^\S\n]+", "", page) for page in rendered[lang]["text"].split("\f")]
    contents = _squash(translator(lang)("Contents"))
    toc_first = next(i for i, text in enumerate(pages, 1) if contents in text)
    # the contents run until the page before the summary chapter, the first heading listed
    body = _heading_page(pages, _headings(models[lang], lang)[0], after=toc_first)
    toc = "\n".join(lines[toc_first - 1 : body - 1])
    for heading in _headings(models[lang], lang):
        listed = _listed_page(toc, heading)
        assert listed is not None, (heading, toc[:400])
        assert listed == _heading_page(pages, heading, after=body - 1), heading
    dashboard = translator(lang)("Dashboard: every target at a glance")  # before the contents
    assert _listed_page(toc, dashboard) == _heading_page(pages, dashboard, after=0) < toc_first


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_shows_title_and_page_of_pages(rendered: dict, models: dict, lang: str) -> None:
    """Every page is numbered; from the contents on (a running element there) it has the title."""
    pages = [p for p in _pages(rendered, lang) if p]
    title = _squash(f"{models[lang].plan_title} — {models[lang].title}")
    assert all(f"{n}/{len(pages)}" in text for n, text in enumerate(pages, 1))
    toc_first = next(i for i, text in enumerate(pages, 1) if _squash(translator(lang)("Contents")) in text)
    for number in (toc_first, len(pages) // 2, len(pages)):
        text = pages[number - 1]
        assert title in text, number
        assert f"{number}/{len(pages)}" in text, number
