"""Tables a PDF text layer lists column by column: small made-up layouts, then the real one."""

from __future__ import annotations

from mic2025.extract.column_dump import _Value, deal, fit_names, read_column_dump
from mic2025.extract.pipeline import extract_text
from mic2025.extract.table_targets import DETACHED_NOTE, table_candidates
from mic2025.extract.tables import Cell, _lines, find_tables

YEARS = ("2015", "2018", "2020", "2025")
TITLE = "Table 1. Main targets for 2020 and 2025"
END = (
    "2. Strategic tasks",
    "The tasks are stated here in running text, as a plan's body goes on after a table.",
)


def dump(*blocks: str | tuple[str, ...]) -> str:
    """A text layer: the lines of each block, blocks apart by a blank line (as PDF layers write cells)."""
    return "\n\n".join("\n".join(b) if isinstance(b, tuple) else b for b in blocks) + "\n"


def _read(text: str):
    """The reader on the table's lines as :func:`find_tables` hands them over: no title, header or end."""
    lines = [(s, text[s[0] : s[1]].strip()) for s in _lines(text)]
    texts = [t for _, t in lines]
    header, end = texts.index(YEARS[0]), texts.index(END[0])
    spans = [s for s, _ in lines[1:header] + lines[header + len(YEARS) : end]]
    return read_column_dump(text, spans, [int(y) for y in YEARS])


def _rows(text: str) -> list[tuple[str, list[str]]]:
    (table,) = find_tables(text)
    return [(row.label, [c.text for c in row.cells]) for row in table.rows]


def test_regular_dump_names_header_then_a_run_per_row() -> None:
    text = dump(
        TITLE,
        ("Broadband", "penetration (%)"),
        ("Share of firms using", "cloud services (%)"),
        *YEARS,
        *("37", "50", "70", "82"),
        *("10", "12", "20", "30"),
        *END,
    )
    table = _read(text)
    assert [(r.label, [c.text for c in r.cells]) for r in table.rows] == [
        ("Broadband penetration (%)", ["37", "50", "70", "82"]),
        ("Share of firms using cloud services (%)", ["10", "12", "20", "30"]),
    ]
    assert table.notes == []


# Targets of the later rows come before their names and baselines, as when a table runs
# over a page; a footnote stands between two runs; "-" marks empty cells.
SPLIT = (
    TITLE,
    "Indicator",
    ("Cloud adoption rate", "of small firms (%)"),
    *YEARS,
    *("40", "45", "60", "80"),
    ("The cost of cloud services is the price of a unit of computing capacity paid by firms.", "1"),
    ("Down 10% from", "2018"),
    ("Down 20% from", "2018"),
    ("Cost of cloud", "services1"),
    *("-", "-"),
    "Energy use per unit of output",
    *("-", "-"),
    ("Down 5% from", "2018"),
    ("Down 9% from", "2018"),
    *END,
)


def test_dashes_phrase_cells_and_a_footnote_between_runs() -> None:
    assert _rows(dump(*SPLIT)) == [
        ("Cloud adoption rate of small firms (%)", ["40", "45", "60", "80"]),
        ("Cost of cloud services1", ["-", "-", "Down 10% from 2018", "Down 20% from 2018"]),
        ("Energy use per unit of output", ["-", "-", "Down 5% from 2018", "Down 9% from 2018"]),
    ]


def test_dumped_cells_become_draft_targets_quoting_the_cell() -> None:
    text = dump(*SPLIT)
    extraction = extract_text(text, doc_year=2018)
    found = [(c.phrase, c.year, c.value, c.kind, c.base_year) for c in extraction.candidates]
    assert found == [
        ("Cloud adoption rate of small firms", 2020, 60, "level", None),
        ("Cloud adoption rate of small firms", 2025, 80, "level", None),
        ("Cost of cloud services", 2020, -10, "change_from_base", 2018),
        ("Cost of cloud services", 2025, -20, "change_from_base", 2018),
        ("Energy use per unit of output", 2020, -5, "change_from_base", 2018),
        ("Energy use per unit of output", 2025, -9, "change_from_base", 2018),
    ]
    first = extraction.candidates[0]
    assert (first.quote, text[first.start : first.end]) == ("60", "60")
    assert first.baselines == {2015: 40, 2018: 45}
    assert all(DETACHED_NOTE in c.notes for c in extraction.candidates)
    assert extraction.notes == []


def test_counts_that_do_not_fit_leave_rows_out() -> None:
    short = tuple(block for block in SPLIT if block != "Energy use per unit of output")  # a name lost
    assert _read(dump(*short)) is None
    extraction = extract_text(dump(*short), doc_year=2018)  # what the row reader makes of it, as before
    assert not any(DETACHED_NOTE in c.notes for c in extraction.candidates)
    assert any("did not fit the year columns" in note for note in extraction.notes)
    missing = list(SPLIT)
    missing.remove("45")  # a value lost: 11 values for 4 columns
    assert _read(dump(*missing)) is None


def test_interleaved_two_column_cells_are_read_as_a_rows_targets() -> None:
    text = dump(
        TITLE,
        "Broadband penetration (%)",
        "Growth rate of labour productivity (%)",
        *YEARS,
        *("37", "50", "70", "82"),
        *("-", "-"),
        (
            "Around 7 (the average Around 6 (the average",
            "annual rate in [2016-2020])",
            "annual rate in [2021-2025])",
        ),
        *END,
    )
    (broadband, growth) = (cells for _, cells in _rows(text))
    assert broadband == ["37", "50", "70", "82"]
    assert growth[2:] == [
        "Around 7 (the average annual rate in [2016-2020])",
        "Around 6 (the average annual rate in [2021-2025])",
    ]
    (table,) = find_tables(text)
    found = table_candidates(table, text, doc_year=2018)[2:]
    assert [(c.value, c.comparator, c.kind, c.period_start) for c in found] == [
        (7, "~", "average_annual_growth", 2016),
        (6, "~", "average_annual_growth", 2021),
    ]
    assert found[0].quote == growth[2]  # the cell's own words, its offsets spanning both cells


def test_cells_that_read_two_ways_fill_their_places_but_give_no_target() -> None:
    text = dump(
        TITLE,
        "Broadband penetration (%)",
        "Value added rate increase",
        *YEARS,
        *("37", "50", "70", "82"),
        *("-", "-"),
        ("This is a", "This is a rise", "rise of three", "of two points", "points from 2015.", "from 2015."),
        *END,
    )
    extraction = extract_text(text, doc_year=2018)
    assert [(c.value, c.year) for c in extraction.candidates] == [(70, 2020), (82, 2025)]
    assert extraction.notes == [
        "table row 'Value added rate increase': 2 cell(s) interleaved with a neighbour could be read"
        " two ways and were left out"
    ]


def test_two_equally_good_deals_are_not_chosen_between() -> None:
    def value(run: int, cols: set[int]) -> _Value:
        return _Value(Cell("x", 0, 0), run, frozenset(cols))

    values = [value(1, {1}), value(1, {0, 1}), value(1, {0, 1}), value(2, {0, 1})]
    assert deal(values, 2, 2) is None
    rows = [value(0, {0, 1}) for _ in range(4)]
    assert deal(rows, 2, 2) == [(0, 0), (0, 1), (1, 0), (1, 1)]  # row after row, as text reads


def test_names_split_at_units_marks_blank_lines_and_capitals() -> None:
    text = dump(
        TITLE,
        ("Category", ""),
        ("Green", "development"),
        (
            "Decrease in CO2 emissions per",
            "unit of output",
            "Decrease in water use per",
            "Green",
            "unit of output",
        ),
        ("Quality index2", "Share of exports (%)"),
        *YEARS,
        *(["1"] * 16),
        *END,
    )
    table = _read(text)
    assert [r.label for r in table.rows] == [
        "Decrease in CO2 emissions per unit of output",
        "Decrease in water use per Green unit of output",  # a category word inside: kept, never a row
        "Quality index2",
        "Share of exports (%)",
    ]


def test_headings_are_dropped_only_to_make_the_count() -> None:
    names = [[Cell("Indicator", 0, 0), Cell("Broadband penetration (%)", 0, 0)], [Cell("Index", 0, 0)]]
    assert [c.text for c in fit_names(names, 3, {})] == ["Indicator", "Broadband penetration (%)", "Index"]
    assert [c.text for c in fit_names(names, 1, {})] == ["Broadband penetration (%)"]
    assert fit_names(names, 2, {}) is None
    # the group right before row 1's first value must start with row 1's name
    assert fit_names(names, 3, {1: 1}) is None


def test_the_english_strategy_table(strategy_text) -> None:
    text = strategy_text("en")
    (table,) = find_tables(text)
    assert len(table.rows) == 12 and all(row.detached for row in table.rows)
    assert [c.text for c in table.rows[5].cells] == ["37", "50", "70", "82"]
    assert table.rows[3].label == "Manufacturing value added rate increase"
    assert all(c.unread for c in table.rows[3].cells[2:])  # "increase of two/four points" read two ways
    assert table.rows[4].cells[2].text.startswith("Around 7.5 (the average annual growth rate")
    assert [c.text for c in table.rows[-1].cells] == ["62", "65", "73", "79"]
    found = table_candidates(table, text, doc_year=2015)
    assert len(found) == 22 and table.notes
