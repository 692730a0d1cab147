"""Targets from indicator tables: one candidate per row and target-year column.

A cell is a bare number (``1.26``), a dash, or a short phrase (``比 2015 年下降 18%``,
``7.5 左右 (“十三五”期间年均增速)``, ``2015년대비2%p제고``, ``対 2015 年で 18%低減``) that the
same rules as running text read; the column gives the year, the row label gives the
indicator phrase and, in its parentheses, the unit.  Columns up to the document's year
give the indicator's baselines.
"""

from __future__ import annotations

import re

from mic2025.extract.candidate import Candidate
from mic2025.extract.comparators import combine, prefix_comparator, suffix_comparator
from mic2025.extract.finder import stated_base_year, target_kind
from mic2025.extract.language import detect_language
from mic2025.extract.numerals import fold
from mic2025.extract.quantities import Quantity, find_quantities
from mic2025.extract.tables import Cell, Row, Table
from mic2025.extract.years import find_years

_NO_SPACES = r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef（）]"  # Chinese and Japanese, not Hangul
_LEADING_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)")
_UNIT_PAREN = re.compile(r"[(（]\s*([^()（）]{1,12})\s*[)）]\s*$")
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]|(?<=[^\d\s])\s*\d(?=\s*(?:[(（]|$))")


def clean_label(label: str) -> str:
    """A row label without footnote marks, unit parentheses and PDF spacing."""
    text = _UNIT_PAREN.sub("", label.strip())
    text = _FOOTNOTE.sub("", text)
    text = re.sub(rf"(?<={_NO_SPACES})\s+(?={_NO_SPACES})", "", text)
    return re.sub(r"\s+", " ", text).strip()


def label_unit(label: str) -> tuple[str, str]:
    """Unit kind and unit id named in a label's parentheses: ``(%)`` → percent."""
    match = _UNIT_PAREN.search(label.strip())
    if match and "%" in fold(match.group(1)):
        return "percent", "pct"
    return "other", "value"


def _quantity(text: str, label: str) -> Quantity | None:
    """The cell's value: a quantity with its unit, else the cell's leading bare number.

    A bare number may follow a comparator word (``Around 7.5 (…)``); the unit then
    comes from the row label.
    """
    years = find_years(text)
    found = find_quantities(text, skip=[(y.start, y.end) for y in years])
    if found:
        return found[0]
    match = _LEADING_NUMBER.search(text)
    if match is None:
        return None
    before, at = prefix_comparator(text, match.start(1))
    if text[:at].strip():
        return None  # words before the number that are not a comparator
    kind, unit = label_unit(label)
    after, end = suffix_comparator(text, match.end())
    return Quantity(at, end, float(match.group(1)), kind, unit, combine(before, after), None, match.start(1))


def _quote(row: Row, cell: Cell, source: str) -> tuple[int, str]:
    """Where a target's quote starts, and its text: from the row label to the cell.

    A column-dumped row's label stands elsewhere, so its quote is the cell alone; a cell
    taken apart from an interleaved neighbour quotes its own words (its offsets span both).
    """
    if not row.detached:
        return row.label_start, source[row.label_start : cell.end]
    own = source[cell.start : cell.end]
    return cell.start, own if " ".join(own.split()) == cell.text else cell.text


def _cell_candidate(row: Row, cell: Cell, year: int, source: str, lang: str) -> Candidate | None:
    text = fold(cell.text)
    q = _quantity(text, row.label)
    if q is None:
        return None
    years = find_years(text)
    kind, sign = target_kind(q, text, lang)
    periods = [y for y in years if y.role == "period"]
    value = q.value * sign if kind in ("change_from_base", "pp_change") else q.value
    start, quote = _quote(row, cell, source)
    c = Candidate(
        value=value,
        unit=q.unit,
        unit_kind=q.unit_kind,
        kind=kind,
        year=year,
        comparator=q.comparator,
        lang=lang,
        phrase=clean_label(row.label),
        quote=quote,
        start=start,
        end=cell.end,
        source="table",
    )
    if row.detached:
        c.notes.append(DETACHED_NOTE)
    if kind in ("change_from_base", "pp_change"):
        c.base_year = stated_base_year(q, years, text, lang)
    if periods:
        c.period_start = periods[0].period_start
        c.kind = "average_annual_growth"
    return c


DETACHED_NOTE = "row and column inferred from a table listed column by column; check against the original"
"""Why a target read from a column-dumped table is a draft: its place rests on the reading."""


def _consistent(row: Row, years: list[int]) -> bool:
    """False when a cell compares with a year that is not before its own column."""
    for cell, year in zip(row.cells, years, strict=True):
        bases = [y.year for y in find_years(fold(cell.text)) if y.role == "base"]
        if any(base >= year for base in bases):
            return False
    return True


def table_candidates(
    table: Table, source: str, *, doc_year: int | None, lang: str = "auto"
) -> list[Candidate]:
    """The targets of a table, with the baselines of each row attached."""
    target_from = doc_year if doc_year is not None else table.years[len(table.years) // 2 - 1]
    found: list[Candidate] = []
    for row in table.rows:
        if not _consistent(row, table.years):
            table.skipped += 1
            continue
        row_lang = (
            lang if lang != "auto" else detect_language(row.label + " ".join(c.text for c in row.cells))
        )
        baselines = {
            year: float(cell.text)
            for cell, year in zip(row.cells, table.years, strict=True)
            if year <= target_from and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", cell.text)
        }
        for cell, year in zip(row.cells, table.years, strict=True):
            if year <= target_from or cell.unread or re.fullmatch(r"\s*[-–—]\s*", cell.text):
                continue
            c = _cell_candidate(row, cell, year, source, row_lang)
            if c is None:
                continue
            if baselines:
                c.baselines = dict(baselines)
                c.baseline_year = max(baselines)
                c.baseline_value = baselines[c.baseline_year]
            if doc_year is None:
                c.notes.append(f"document year unknown; columns after {target_from} read as targets")
            found.append(c)
    return found
