"""Tables that a PDF text layer lists column by column.

Some text layers (the English strategy's) write a table in blocks: the names of a few
rows, the year header one cell per line, runs of values, with footnotes, category cells
and two-column text cells in between, in the order the page was drawn rather than row
by row.  The row reader of :mod:`mic2025.extract.tables` leaves such a table out; this
reader tries it, and leaves it out too unless everything fits.  It relies on:

- each column is listed top to bottom: the i-th value dealt to a column is in row i;
- values come in runs (the values between two pieces of other text) that read like
  text, left to right and top to bottom;
- a cell that compares with a year (``Down 18% from 2015``) or names a plan period
  stands in a later column;
- the row names come in row order and split at a cell's end: a unit in parentheses, a
  footnote mark, a blank line, a capital letter after a line that ends a phrase.

Of all ways to deal the values to n rows × k columns under these rules, the one with the
fewest breaks in reading is taken when it is the only one.  A value count that is not
n × k, names that do not come to n, or two equally good deals leave the table out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from mic2025.extract.interleave import Token, line_tokens, readings
from mic2025.extract.numerals import fold
from mic2025.extract.tables import VALUE_OPENER, Cell, Row
from mic2025.extract.years import find_years

_BARE = re.compile(r"^\s*(?:[-–—]|\d+(?:\.\d+)?)\s*$")
_OPENER = re.compile(r"(?:" + VALUE_OPENER.pattern + r")(?![A-Za-z])", re.I)
_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_MARK = re.compile(r"^\s*\d{1,2}\s*$")
_UNIT_END = re.compile(r"[(（][^()（）]{1,12}[)）]\s*$")
_MARK_END = re.compile(r"[a-z]\d\s*$")  # a footnote mark after a name: "index4"
_PHRASE_GOES_ON = re.compile(
    r"(?:\b(?:of|per|in|and|or|the|to|for|on|a|an|by|from|with|at|as|than)|[,(（\[])\s*$", re.I
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
PROSE_WIDTH = 60
"""A line at least this wide (CJK characters count two) is running text, not a cell."""
WRAP, JUMP = 1, 10
"""Cost of going on in the next row, and of any other break in reading a run."""


@dataclass
class _Line:
    text: str
    start: int
    end: int
    gap: bool
    kind: str = "text"  # value, opener, text or prose


@dataclass
class _Value:
    cell: Cell
    run: int
    allowed: frozenset[int]


@dataclass
class DumpedTable:
    """What the reader made of a column-dumped table: its rows, and what it left out."""

    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _open(text: str) -> bool:
    """Whether a cell's text goes on on the next line (a dangling word, an open parenthesis)."""
    opened = text.count("(") + text.count("（") + text.count("[")
    return opened > text.count(")") + text.count("）") + text.count("]") or bool(_PHRASE_GOES_ON.search(text))


def _classify(source: str, spans: Sequence[tuple[int, int]]) -> list[_Line]:
    """The region's non-blank lines, each marked value, opener (a phrase cell), text or prose."""
    found: list[_Line] = []
    gap, previous = False, None
    for start, end in spans:
        raw = source[start:end]
        text = raw.strip()
        gap = gap or not text or (previous is not None and source.count("\n", previous, start) > 1)
        previous = end
        if not text:
            continue
        lead = start + raw.find(text)
        line = _Line(text, lead, lead + len(text), gap)
        gap = False
        if _width(text) >= PROSE_WIDTH:
            line.kind = "prose"
        elif _BARE.match(fold(text)):
            line.kind = "value"
        elif _OPENER.match(fold(text)):
            line.kind = "opener"
        found.append(line)
    for i, line in enumerate(found):  # a footnote's number is written against its text
        before = i > 0 and not line.gap and found[i - 1].kind == "prose"
        after = i + 1 < len(found) and not found[i + 1].gap and found[i + 1].kind == "prose"
        if line.kind == "value" and _MARK.match(line.text) and (before or after):
            line.kind = "prose"
    return found


def _allowed(text: str, years: Sequence[int]) -> frozenset[int]:
    """Columns a cell can stand in: after any year it compares with, not before its period."""
    mentions = find_years(fold(text))
    bases = [m.year for m in mentions if m.role == "base"]
    ends = [m.year for m in mentions if m.role == "period"]
    return frozenset(
        j for j, year in enumerate(years) if all(year > b for b in bases) and all(year >= e for e in ends)
    )


def _glue(a: str, b: str) -> str:
    """Two pieces of one cell's text: a space between words, none inside CJK text."""
    if not a or not b:
        return a + b
    return a + b if _width(a[-1]) == 2 and _width(b[0]) == 2 else f"{a} {b}"


def _join(tokens: Sequence[Token]) -> Cell:
    text = ""
    for token in tokens:
        text = _glue(text, token.text)
    return Cell(text, min(t.start for t in tokens), max(t.end for t in tokens))


def _sequential(chunk: Sequence[_Line]) -> list[Cell] | None:
    """A chunk of phrase lines read one cell after another, if each cell holds one number."""
    cells: list[Cell] = []
    for line in chunk:
        if cells and _open(cells[-1].text):
            cells[-1] = Cell(_glue(cells[-1].text, line.text), cells[-1].start, line.end)
        elif line.kind == "opener":
            cells.append(Cell(line.text, line.start, line.end))
        else:
            return None
    for cell in cells:
        numbers = [n for n in _NUMBER.findall(fold(cell.text)) if not _YEAR.match(n)]
        if len(numbers) != 1 or _open(cell.text):
            return None
    return cells


def _phrase_values(source: str, chunk: Sequence[_Line], years: Sequence[int]) -> list[_Value] | None:
    """The cells of a chunk of phrase lines: one after another, or two interleaved.

    Cells that the readings of an interleaved block do not agree on are kept as
    unread cells: they fill their places in the table but give no target.
    """
    plain = _sequential(chunk)
    if plain is not None:
        return [_Value(c, 0, _allowed(c.text, years)) for c in plain]
    lines = [line_tokens(source, line.start, line.end) for line in chunk]
    found = readings(lines, lambda ws: bool(ws) and bool(_OPENER.match(fold(" ".join(t.text for t in ws)))))
    if not found or len({len(r) for r in found}) != 1:
        return None
    values = []
    for place in zip(*found, strict=True):
        cells = [_join(tokens) for tokens in place]
        allowed = frozenset().union(*(_allowed(c.text, years) for c in cells))
        cell = cells[0]
        cell.unread = len({c.text for c in cells}) > 1
        values.append(_Value(cell, 0, allowed))
    return values


def _chunk_end(found: Sequence[_Line], i: int) -> int:
    """Index after the phrase chunk that starts at ``found[i]``."""
    j = i + 1
    while j < len(found) and not found[j].gap and found[j].kind != "prose":
        if found[j].kind == "value" and not _open(found[j - 1].text):
            break
        j += 1
    return j


@dataclass
class _Group:
    """Consecutive name lines, and the index of the value right after them (if one is)."""

    lines: list[_Line]
    next_value: int | None = None


def _stream(
    source: str, found: Sequence[_Line], years: Sequence[int]
) -> tuple[list[_Value], list[_Group]] | None:
    """The values in document order, numbered by run, and the groups of name lines."""
    values: list[_Value] = []
    groups: list[_Group] = []
    run, in_run, i = 0, False, 0
    while i < len(found):
        line = found[i]
        if line.kind in ("text", "prose"):
            if line.kind == "text":
                if i == 0 or found[i - 1].kind != "text":
                    groups.append(_Group([]))
                groups[-1].lines.append(line)
            run += in_run
            in_run, i = False, i + 1
            continue
        if line.kind == "opener":
            j = _chunk_end(found, i)
            cells = _phrase_values(source, found[i:j], years)
            if cells is None:
                return None
        else:
            j, cells = i + 1, [_Value(Cell(line.text, line.start, line.end), 0, frozenset(range(len(years))))]
        if i > 0 and found[i - 1].kind == "text":
            groups[-1].next_value = len(values)
        for value in cells:
            value.run = run
        values.extend(cells)
        in_run, i = True, j
    return values, groups


def _name_cells(group: Sequence[_Line]) -> list[Cell]:
    """The name cells of consecutive name lines, split at the cues of a cell's end."""
    cells: list[Cell] = []
    for line in group:
        ended = not cells or bool(_UNIT_END.search(cells[-1].text) or _MARK_END.search(cells[-1].text))
        capital = line.text[:1].isupper() and not _PHRASE_GOES_ON.search(cells[-1].text if cells else "")
        if ended or line.gap or capital:
            cells.append(Cell(line.text, line.start, line.end))
        else:
            cells[-1] = Cell(_glue(cells[-1].text, line.text), cells[-1].start, line.end)
    return cells


def _heading(cell: Cell) -> bool:
    """A column heading or category ("Category", "Green development"): short, no unit, no number."""
    if re.search(r"\d|[(（]", cell.text):
        return False
    words = cell.text.split()
    return (
        len(words) <= 3 if len(words) > 1 or _width(cell.text) == len(cell.text) else _width(cell.text) <= 8
    )


def fit_names(groups: Sequence[Sequence[Cell]], n: int, anchors: dict[int, int]) -> list[Cell] | None:
    """The ``n`` row names among the groups' name cells: all of them, or all but the headings.

    ``anchors`` maps a group to the row whose first cell comes right after it: text read
    in order names a row just before its values, so that group's first name must be that
    row's.  This keeps a heading from standing in for a lost name.
    """
    for keep in (lambda c: True, lambda c: not _heading(c)):
        chosen = [[c for c in cells if keep(c)] for cells in groups]
        names = [c for cells in chosen for c in cells]
        if len(names) != n:
            continue
        firsts = {g: sum(len(cells) for cells in chosen[:g]) for g in range(len(groups)) if chosen[g]}
        if all(firsts.get(g) == row for g, row in anchors.items()):
            return names
    return None


State = tuple[tuple[int, ...], int]
"""How many values each column holds so far, and the column of the last value."""


def _steps(counts: tuple[int, ...], last: int, allowed: frozenset[int], new_run: bool, n: int):
    """(column, cost) of each place the next value can go.

    A run's first value costs nothing in the first free place that takes it; within a
    run the next free place to the right costs nothing, the first free place of the next
    row one break (WRAP), anything else a jump (JUMP).
    """
    slots = sorted((counts[j], j) for j in allowed if counts[j] < n)
    if not slots:
        return
    if new_run or last < 0:
        for slot in slots:
            yield slot[1], 0 if slot == slots[0] else JUMP
        return
    row = counts[last] - 1
    right = [s for s in slots if s[0] == row and s[1] > last]
    below = [s for s in slots if s[0] == row + 1 and s[1] <= last]
    for slot in slots:
        if right and slot == right[0]:
            yield slot[1], 0
        elif below and slot == below[0]:
            yield slot[1], WRAP
        else:
            yield slot[1], JUMP


Layer = dict[State, tuple[int, int, State | None]]
"""Each state's cheapest cost, how many deals reach it at that cost (up to 2), where from."""
BOUNDS = (JUMP, 2 * JUMP, 4 * JUMP, 8 * JUMP)
"""Costs searched in turn; a table that needs more breaks than that is not read."""


def _layers(values: Sequence[_Value], n: int, k: int, bound: int) -> list[Layer]:
    """The states after each value, for deals that cost at most ``bound``."""
    layer: Layer = {((0,) * k, -1): (0, 1, None)}
    history = []
    for t, value in enumerate(values):
        new_run = t == 0 or values[t - 1].run != value.run
        ahead: Layer = {}
        for (counts, last), (cost, paths, _) in layer.items():
            for col, step in _steps(counts, last, value.allowed, new_run, n):
                if cost + step > bound:
                    continue
                key = ((*counts[:col], counts[col] + 1, *counts[col + 1 :]), col)
                old = ahead.get(key)
                if old is None or cost + step < old[0]:
                    ahead[key] = (cost + step, paths, (counts, last))
                elif cost + step == old[0]:
                    ahead[key] = (old[0], min(2, old[1] + paths), old[2])
        history.append(ahead)
        layer = ahead
    return history


def deal(values: Sequence[_Value], n: int, k: int) -> list[tuple[int, int]] | None:
    """(row, column) of each value in the cheapest deal, or None when it is not the only one.

    A dynamic programme over the values in order, whose state is the count of values in
    each column and the last value's column.  It is run with a growing bound on the cost
    (few states stay under a small bound); a deal found under a bound is the cheapest,
    and every deal as cheap is under the bound too, so a tie is seen.
    """
    for bound in BOUNDS:
        history = _layers(values, n, k, bound)
        if not history or not history[-1]:
            continue
        best = min(cost for cost, _, _ in history[-1].values())
        ends = [(state, paths) for state, (cost, paths, _) in history[-1].items() if cost == best]
        if len(ends) != 1 or ends[0][1] != 1:
            return None
        places: list[tuple[int, int]] = []
        state: State | None = ends[0][0]
        for ahead in reversed(history):
            counts, col = state
            places.append((counts[col] - 1, col))
            state = ahead[state][2]
        return places[::-1]
    return None


def read_column_dump(
    source: str, spans: Sequence[tuple[int, int]], years: Sequence[int]
) -> DumpedTable | None:
    """The rows of a column-dumped table whose lines (header lines excluded) are ``spans``.

    None when the values, names and columns do not fit (the caller then keeps what the
    row reader found and says that rows were left out).
    """
    stream = _stream(source, _classify(source, spans), years)
    if stream is None:
        return None
    values, groups = stream
    k = len(years)
    if not values or len(values) % k:
        return None
    n = len(values) // k
    places = deal(values, n, k)
    if places is None:
        return None
    anchors = {
        g: places[group.next_value][0]
        for g, group in enumerate(groups)
        if group.next_value is not None and places[group.next_value][1] == 0
    }
    names = fit_names([_name_cells(group.lines) for group in groups], n, anchors)
    if names is None:
        return None
    grid: list[list[Cell]] = [[Cell("", 0, 0)] * k for _ in range(n)]
    for value, (row, col) in zip(values, places, strict=True):
        grid[row][col] = value.cell
    rows = [Row(name.text, name.start, cells, detached=True) for name, cells in zip(names, grid, strict=True)]
    notes = [
        f"table row '{row.label}': {sum(c.unread for c in row.cells)} cell(s) interleaved with a "
        "neighbour could be read two ways and were left out"
        for row in rows
        if any(c.unread for c in row.cells)
    ]
    return DumpedTable(rows, notes)
