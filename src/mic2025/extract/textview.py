"""A reading view of a document: wrapped lines joined, sentences split, offsets kept.

PDF text layers break lines mid-word (``重点分`` / ``野で``) and mid-number; the finder needs
the joined text, but every quote it writes must point at the document's own characters.
:class:`View` holds the joined text and, for each of its characters, the offset of that
character in the document, so a span found in the view maps back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mic2025.extract.numerals import fold

# scripts written without spaces between words (Hangul is written with spaces)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef、。，；：（）「」“”]")
_ENDS_SENTENCE = re.compile(r"[。．.!?！？；;:：]\s*$")
_STARTS_ITEM = re.compile(
    r"^\s*(?:[-•·・◆◇■□●○▶※＊*]|\(?\d{1,2}[.)、]\s|（[一二三四五六七八九十\d]+）|[①-⑳])"
)
_SENTENCE_END = re.compile(r"[。！？；;!?：]|:(?=\s|$|[^\x00-\x7f])|\.(?=\s+[A-Z“\"(\[]|\s*$)|\n")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the view: its text and its offset in the view."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class View:
    """Joined, width-folded text with the document offset of every character."""

    text: str
    offsets: tuple[int, ...]
    source: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets ``[start, end)`` of the view's characters ``[start, end)``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The document's own characters behind a view span, with their offsets."""
        a, b = self.span(start, end)
        return self.source[a:b], a, b

    def sentences(self) -> Iterator[Sentence]:
        """Sentences split at CJK and Latin full stops, semicolons and kept line breaks."""
        start = 0
        for match in _SENTENCE_END.finditer(self.text):
            end = match.end()
            if self.text[start:end].strip():
                yield Sentence(self.text[start:end], start)
            start = end
        if self.text[start:].strip():
            yield Sentence(self.text[start:], start)


def _joiner(before: str, after: str) -> str:
    """What replaces a line break: nothing inside CJK text, a space in Latin text."""
    prev, nxt = before.rstrip()[-1:], after.lstrip()[:1]
    if _ENDS_SENTENCE.search(before) or _STARTS_ITEM.match(after):
        return "\n"
    if prev and nxt and (_CJK.match(prev) or _CJK.match(nxt)):
        return ""
    return " "


def build_view(source: str, lines: list[tuple[int, int]] | None = None) -> View:
    """Join the document's lines into a :class:`View`.

    ``lines`` are the ``[start, end)`` ranges of the lines to keep (all lines when None);
    blank lines never end a sentence by themselves because PDF texts put one between
    every wrapped line.
    """
    folded = fold(source)
    if lines is None:
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", source) if m.end() > m.start()]
    chars: list[str] = []
    offsets: list[int] = []
    previous = ""
    for start, end in lines:
        body = folded[start:end]
        stripped = body.strip()
        if not stripped:
            continue
        lead = len(body) - len(body.lstrip())
        if previous:
            joiner = _joiner(previous, stripped)
            chars.extend(joiner)
            offsets.extend([start + lead] * len(joiner))
        chars.extend(stripped)
        offsets.extend(range(start + lead, start + lead + len(stripped)))
        previous = stripped
    return View("".join(chars), tuple(offsets), source)
