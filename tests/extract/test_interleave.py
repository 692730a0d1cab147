"""Two cells a text layer printed side by side, told apart, or reported when they cannot be."""

from __future__ import annotations

import re

from mic2025.extract.interleave import line_tokens, readings, variable

_OPENS = re.compile(r"^(?:around|this is|down)\b", re.I)


def _read(text: str) -> list[list[str]]:
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append(line_tokens(text, pos, pos + len(line)))
        pos += len(line) + 1
    found = readings(lines, lambda words: bool(_OPENS.match(" ".join(t.text for t in words))))
    return [[" ".join(t.text for t in cell) for cell in reading] for reading in found]


def test_halves_on_one_line_are_left_then_right() -> None:
    text = "\n".join(
        [
            "Around 7 (the average Around 6 (the average",
            "annual rate in [2016-2020])",
            "annual rate in [2021-2025])",
        ]
    )
    assert _read(text) == [
        [
            "Around 7 (the average annual rate in [2016-2020])",
            "Around 6 (the average annual rate in [2021-2025])",
        ]
    ]


def test_cells_one_after_the_other_read_as_a_pair_in_order() -> None:
    assert _read("Down 5% from\n2018\nDown 9% from\n2018") == [["Down 5% from 2018", "Down 9% from 2018"]]


def test_lines_alternating_between_cells_of_unequal_height_read_two_ways() -> None:
    # which cell is left cannot be told: the taller cell's first line comes first either way
    text = "This is a\nThis is a rise\nrise of three\nof two points\npoints from 2015.\nfrom 2015."
    assert sorted(_read(text)) == [
        ["This is a rise of three points from 2015.", "This is a rise of two points from 2015."],
        ["This is a rise of two points from 2015.", "This is a rise of three points from 2015."],
    ]


def test_two_pairs_in_one_block() -> None:
    text = "Down 5% from 2018 Down 9% from 2018\nAround 7 (the rate) Around 6 (the rate)"
    assert _read(text) == [
        ["Down 5% from 2018", "Down 9% from 2018", "Around 7 (the rate)", "Around 6 (the rate)"]
    ]


def test_lines_that_are_not_two_parallel_cells_have_no_reading() -> None:
    assert _read("Around 7 (the average\nsomething else entirely") == []
    assert _read("growth rate\nAround 7") == []  # a pair opens only with a cell's first words


def test_variable_words() -> None:
    assert all(variable(w) for w in ("7.5", "two", "13th", "[2016-2020])", "十三"))
    assert not any(variable(w) for w in ("rate", "the", "(the"))
