"""Indicator tables: rows of an indicator with values under year columns.

Plans put their key targets in a table (``指标 | 2013年 | 2015年 | 2020年 | 2025年``).  Text
layers keep such a table in one of three shapes: a row per line with tab-separated
cells (the Chinese seed), a cell per line (the Korean seed), or lines wrapped inside
cells (the Japanese PDF).  The reader turns all three into a stream of cells, glues the
pieces of a wrapped cell back together, and reads a row as the label cells followed by
exactly one value cell per year column.  Columns up to the document's year hold
baselines; later columns hold targets.  When runs of values do not fit the columns
under a header stacked one year per line, the table may be listed column by column (the
English PDF), and :mod:`mic2025.extract.column_dump` reads it if its counts fit; what
neither reader can place is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d{2})\s*(?:年|년)?\s*$")
_HEADER_YEARS = re.compile(r"((?:19|20)\d{2})\s*(?:年|년)?")
_BARE_VALUE = re.compile(r"^\s*(?:[-–—]|\d+(?:\.\d+)?)\s*$")
VALUE_OPENER = re.compile(
    r"^\s*(?:比|较|較|対|対比|(?:19|20)\d{2}\s*년\s*대비|down|up|around|about|this is|an? increase|"
    r"\d+(?:\.\d+)?\s*(?:左右|前後|좌우|내외|%|％|[(（]))",
    re.I,
)
_VERB = re.compile(
    r"提高|提升|下降|降低|增长|增長|アップ|低減|削減|向上|増加|하락|제고|감소|증가|down|up|increase|decrease",
    re.I,
)
_COMPARISON = re.compile(
    r"^\s*(?:比|较|較|対|対比|(?:19|20)\d{2}\s*년\s*대비|down|up|this is|an? increase)", re.I
)
_DANGLING = re.compile(r"(?:from|than|of|the|to|by|an?)\s*$", re.I)
_TRAILING_VALUES = re.compile(r"((?:\s+(?:[-–—]|\d+(?:\.\d+)?))+)\s*$")
_LABEL_END = re.compile(r"(?:[(（][^()（）]{1,12}[)）]|[。.])\s*$")
_TABLE_END = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、]\s*\S{2,}|\d{1,2}\s+\S{4,}|[一二三四五六七八九十]+、|\(\d+\)|（[一二三四五六七八九十]+）)"
)


@dataclass
class Cell:
    """A piece of table text with its document offsets."""

    text: str
    start: int
    end: int
    tab: bool = False
    unread: bool = False  # its text could not be told from a neighbour's (no target)


@dataclass
class Row:
    """A table row: its label, the label's document start, and one cell per year column."""

    label: str
    label_start: int
    cells: list[Cell]
    detached: bool = False  # label and cells apart in the text (a column-dumped table)


@dataclass
class Table:
    """A table of indicator values by year, as found in the document."""

    years: list[int]
    start: int
    end: int
    rows: list[Row] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def _lines(source: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", source) if m.end() > m.start()]


def _header_at(source: str, lines: list[tuple[int, int]], i: int) -> tuple[list[int], int] | None:
    """Year columns starting at line ``i`` and the index of the first body line."""
    text = source[lines[i][0] : lines[i][1]]
    years = [int(y) for y in _HEADER_YEARS.findall(text)]
    rest = _HEADER_YEARS.sub("", text)
    if len(years) >= 3 and years == sorted(years) and len(re.sub(r"\s", "", rest)) <= 8:
        return years, i + 1
    stacked, j = [], i
    while j < len(lines):
        cell = source[lines[j][0] : lines[j][1]]
        if not cell.strip():
            j += 1
            continue
        match = _YEAR_CELL.match(cell)
        if match is None:
            break
        stacked.append(int(match.group(1)))
        j += 1
    if len(stacked) >= 3 and stacked == sorted(stacked):
        return stacked, j
    return None


def _cells_of_line(source: str, start: int, end: int) -> list[Cell]:
    """The cells of one body line: tab-separated, or a label followed by value tokens."""
    text = source[start:end]
    if "\t" in text:
        cells, pos = [], start
        for part in text.split("\t"):
            if part.strip():
                lead = len(part) - len(part.lstrip())
                cells.append(Cell(part.strip(), pos + lead, pos + lead + len(part.strip()), tab=True))
            pos += len(part) + 1
        return cells
    match = _TRAILING_VALUES.search(text)
    if match and len(match.group(1).split()) == 1 and re.fullmatch(r"\s*\d\s*", match.group(1)):
        match = None  # a footnote mark after a label ("有効特許件数 1"), not a value
    if match and not VALUE_OPENER.match(text):
        label = text[: match.start()].strip()
        cells = (
            [Cell(label, start + text.find(label), start + text.find(label) + len(label))] if label else []
        )
        for token in re.finditer(r"\S+", match.group(1)):
            cells.append(
                Cell(
                    token.group(),
                    start + match.start(1) + token.start(),
                    start + match.start(1) + token.end(),
                )
            )
        return cells
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return [Cell(stripped, start + lead, start + lead + len(stripped))] if stripped else []


def is_value(cell: Cell) -> bool:
    return bool(_BARE_VALUE.match(cell.text) or VALUE_OPENER.match(cell.text))


def _open(cell: Cell) -> bool:
    """A value cell whose text goes on on the next line (unclosed paren, no verb yet)."""
    if cell.text.count("(") + cell.text.count("（") > cell.text.count(")") + cell.text.count("）"):
        return True
    if _DANGLING.search(cell.text):
        return True
    return bool(_COMPARISON.match(cell.text)) and not _VERB.search(cell.text)


def _continues(previous: Cell, first: Cell) -> bool:
    """Whether a line's first piece goes on the previous cell (a wrapped cell)."""
    if is_value(previous):
        return _open(previous)
    return previous.tab and not first.tab and not is_value(first)


def _glue(a: Cell, b: Cell, source: str) -> Cell:
    joiner = "" if re.match(r"[^\x00-\x7f]", b.text) or re.search(r"[^\x00-\x7f]$", a.text) else " "
    return Cell(a.text + joiner + b.text, a.start, b.end, a.tab)


def _label_start(source: str, lines: list[tuple[int, int]], header: int) -> int:
    """Index of the first label line above a stacked header (after the title or a sentence)."""
    i = header
    while i > max(0, header - 30):
        text = source[lines[i - 1][0] : lines[i - 1][1]].strip()
        if len(_HEADER_YEARS.findall(text)) >= 2 or (re.search(r"[。.]\s*$", text) and len(text) > 40):
            break
        i -= 1
    return i


def _labels_before(source: str, lines: list[tuple[int, int]], header: int) -> list[Cell]:
    """Label lines just above a stacked header, back to the table's title or a sentence."""
    cells: list[Cell] = []
    for start, stop in lines[_label_start(source, lines, header) : header]:
        text = source[start:stop].strip()
        if not text:
            continue
        lead = source[start:stop].find(text)
        cells.append(
            Cell(text, start + lead, start + lead + len(text), tab=source[start:stop].startswith("\t"))
        )
    return cells


def _body_cells(source: str, lines: list[tuple[int, int]], first: int) -> tuple[list[Cell], int]:
    """The body's cells, wrapped pieces glued, and the document offset where the table ends."""
    cells: list[Cell] = []
    end = lines[first - 1][1] if first > 0 else 0
    for start, stop in lines[first : first + 240]:
        text = source[start:stop]
        if not text.strip():
            continue
        piece = _cells_of_line(source, start, stop)
        if _TABLE_END.match(text) and not any(is_value(c) for c in piece) and len(text.strip()) > 12:
            break
        if cells and piece and _continues(cells[-1], piece[0]):
            cells[-1] = _glue(cells[-1], piece.pop(0), source)
        cells.extend(piece)
        end = stop
    return cells, end


def _segments_and_runs(cells: list[Cell]) -> list[tuple[list[Cell], list[Cell]]]:
    """Alternating groups: (label segments, value run), in document order."""
    groups: list[tuple[list[Cell], list[Cell]]] = []
    segments: list[Cell] = []
    run: list[Cell] = []
    for cell in cells:
        if is_value(cell):
            run.append(cell)
            continue
        if run:
            groups.append((segments, run))
            segments, run = [], []
        if segments and not cell.tab and not _LABEL_END.search(segments[-1].text):
            segments[-1] = _glue(segments[-1], cell, "")
        else:
            segments.append(cell)
    if run:
        groups.append((segments, run))
    return groups


def _rows(cells: list[Cell], ncols: int) -> tuple[list[Row], int]:
    """Rows of exactly ``ncols`` values; the number of value runs that fit no row."""
    rows: list[Row] = []
    skipped = 0
    for segments, run in _segments_and_runs(cells):
        extra = len(run) % ncols
        if extra and extra <= 2 and all(re.fullmatch(r"\d", c.text) for c in run[:extra]):
            run = run[extra:]  # footnote marks written after a label: "指数 2 83.1 83.5 …"
        k = len(run) // ncols
        if not run or len(run) % ncols or (k > 1 and len(segments) < k):
            skipped += 1
            continue
        labels = segments[-k:] if segments else [Cell("", run[0].start, run[0].start)] * k
        for i in range(k):
            label = labels[i] if i < len(labels) else labels[-1]
            rows.append(Row(label.text, label.start, run[i * ncols : (i + 1) * ncols]))
    return rows, skipped


def find_tables(source: str) -> list[Table]:
    """Every indicator table of the document, with its rows."""
    lines = _lines(source)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        header = _header_at(source, lines, i)
        if header is None:
            i += 1
            continue
        years, first = header
        cells, end = _body_cells(source, lines, first)
        if first - i > 1:  # years stacked one per line: labels may precede them (column order)
            cells = _labels_before(source, lines, i) + cells
        rows, skipped = _rows(cells, len(years))
        table = Table(years, lines[i][0], end, rows, skipped)
        if first - i > 1 and skipped:
            table = _column_dump(source, lines, (i, first), end, table)
        if table.rows:
            tables.append(table)
        i = max(first, i + 1)
        while i < len(lines) and lines[i][0] < end:
            i += 1
    return tables


def _column_dump(
    source: str, lines: list[tuple[int, int]], header: tuple[int, int], end: int, table: Table
) -> Table:
    """The table read as a column dump when the row reader left rows out and the dump fits."""
    from mic2025.extract.column_dump import read_column_dump  # it builds on this module's cells

    label = _label_start(source, lines, header[0])
    spans = lines[label : header[0]] + [span for span in lines[header[1] :] if span[0] < end]
    dumped = read_column_dump(source, spans, table.years)
    if dumped is None:
        return table
    start = lines[label][0] if label < header[0] else table.start
    return Table(table.years, start, end, dumped.rows, 0, dumped.notes)
