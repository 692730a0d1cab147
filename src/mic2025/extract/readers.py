"""Read a document's text: plain text, HTML, PDF (its text layer) or Word .docx.

Every reader returns the text a person would read, with paragraphs and table rows on
their own lines (table cells separated by tabs, as the table reader expects).  A file
that cannot be read raises :class:`DocumentError` naming the file, never a library's
traceback.  PDF and .docx support come from pypdf and python-docx, imported only when
such a file is read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class DocumentError(ValueError):
    """A document that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class Document:
    """A document's text and where it came from."""

    text: str
    path: str
    kind: str


class _TextParser(HTMLParser):
    """Visible text of an HTML page: blocks on their own lines, table cells tab-separated."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_text(markup: str) -> str:
    """The visible text of an HTML document."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [re.sub(r"^[ \t]*\t", "\t", line).rstrip() for line in text.split("\n")]
    lines = [line.lstrip(" ") for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030", "big5", "shift_jis", "euc-kr"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{path}: cannot decode the text (not UTF-8, GB18030, Big5, Shift-JIS or EUC-KR)")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise DocumentError(f"{path}: not a readable PDF ({exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise DocumentError(f"{path}: the PDF has no text layer (a scan?); run OCR first")
    return text


def _docx_text(path: Path) -> str:
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"{path}: not a readable .docx file ({exc})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
    return "\n".join(lines) + "\n"


def read_document(path: str | Path) -> Document:
    """The text of the document at ``path``, by its extension (text when unknown)."""
    source = Path(path)
    if not source.is_file():
        raise DocumentError(f"{source}: no such file")
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        return Document(_pdf_text(source), str(source), "pdf")
    if suffix == ".docx":
        return Document(_docx_text(source), str(source), "docx")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{source}: cannot read ({exc.strerror})") from exc
    if suffix in (".html", ".htm", ".xhtml"):
        return Document(html_text(_decode(data, source)), str(source), "html")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{source}: binary file; give plain text, HTML, PDF or .docx")
    return Document(_decode(data, source), str(source), "text")
