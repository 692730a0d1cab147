"""Two table cells printed side by side, as a PDF text layer interleaves them.

A text layer that reads a table by height mixes two neighbouring cells of several
lines: a line of the left cell, then one of the right cell, or both on one line
(``Around 7.5 (the Around 6.5 (the``).  Such cells say the same thing with other numbers
(a 2020 and a 2025 target), and that is what lets them be told apart: a reading must
give two cells that agree word for word except where numbers stand.  Every reading
that fits is found, and the caller uses the cells only when all readings give the same
two texts: a layer that can be read two ways is reported, never guessed.

Rules of a reading, from how a layer orders text:

- a line goes whole to one cell, or splits into a left part followed by a right part;
- while both cells have read the same number of words (they stand level), a whole line
  belongs to the left cell, which is read first at a given height;
- a pair ends when both cells are level and the next line starts a new cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from mic2025.extract.numerals import CJK_NUMERAL_CHARS, EN_WORDS, fold

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\s\u3040-\u30ff\u3400-\u9fff]+")
_MAX_STEPS = 20_000
"""Search steps before giving up on a block (a block that big is not two cells)."""


@dataclass(frozen=True)
class Token:
    """A word of the document and its offsets."""

    text: str
    start: int
    end: int


Line = Sequence[Token]
Cells = tuple[tuple[Token, ...], ...]


def line_tokens(source: str, start: int, end: int) -> list[Token]:
    """The words of ``source[start:end]`` (single characters in Chinese and Japanese)."""
    return [Token(m.group(), start + m.start(), start + m.end()) for m in _TOKEN.finditer(source[start:end])]


def variable(word: str) -> bool:
    """Whether a word can differ between two parallel cells: a number, an ordinal, a year."""
    text = fold(word).strip("()[]（）,.;:").lower()
    if any(ch.isdigit() for ch in text) or text in EN_WORDS:
        return True
    return bool(text) and set(text) <= set(CJK_NUMERAL_CHARS)


def _same(a: Token, b: Token) -> bool:
    return fold(a.text).lower() == fold(b.text).lower() or (variable(a.text) and variable(b.text))


def _parallel(left: tuple[Token, ...], right: tuple[Token, ...], checked: int) -> bool:
    """Whether the words both cells have read agree (from position ``checked`` on)."""
    return all(_same(a, b) for a, b in zip(left[checked:], right[checked:], strict=False))


def _moves(line: Line, left: tuple[Token, ...], right: tuple[Token, ...]) -> Iterator[tuple[tuple, tuple]]:
    """The ways one line can go on a pair of cells."""
    words = tuple(line)
    yield left + words, right
    if len(left) != len(right):
        yield left, right + words
    for cut in range(1, len(words)):
        yield left + words[:cut], right + words[cut:]


def readings(lines: Sequence[Line], starts_cell: Callable[[Line], bool]) -> list[Cells]:
    """Every reading of ``lines`` as pairs of parallel cells, as (left, right, left, right, …).

    ``starts_cell`` says whether a line can open a cell (``Around 7.5``, ``Down 18%``); a
    pair starts only at such a line.  Readings are distinct by their cells' words; an
    empty list means the lines are not two interleaved cells (or too many to search).
    """
    found: dict[tuple[str, ...], Cells] = {}
    steps = 0

    def walk(i: int, left: tuple, right: tuple, done: tuple) -> None:
        nonlocal steps
        steps += 1
        if steps > _MAX_STEPS:
            raise _TooMany
        level = len(left) == len(right)
        if i == len(lines):
            if level and left:
                cells = (*done, left, right)
                found.setdefault(tuple(" ".join(t.text for t in c) for c in cells), cells)
            return
        opens = starts_cell(lines[i])
        if not left and not opens:
            return
        if left and level and opens:  # the pair is complete: the line opens the next one
            walk(i, (), (), (*done, left, right))
            return
        checked = min(len(left), len(right))
        for new_left, new_right in _moves(lines[i], left, right):
            if _parallel(new_left, new_right, checked):
                walk(i + 1, new_left, new_right, done)

    try:
        walk(0, (), (), ())
    except _TooMany:
        return []
    return list(found.values())


class _TooMany(Exception):
    """The search went past its budget."""
