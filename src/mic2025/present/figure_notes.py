"""Notes that come with published figures, shown in the reader's language or not at all.

A figure's note is free text written when the figure was recorded (English, fragments
separated by ";").  The fragments that recur are marked here for the catalogues; a page
in another language shows the fragments its catalogue translates and leaves the others
out, so a Chinese page never carries an English sentence.  The English page shows every
fragment as written.
"""

from __future__ import annotations

from mic2025.present.formatter import Formatter, missing
from mic2025.vocabulary import N_

FIGURE_NOTES: tuple[str, ...] = (
    N_("Revised series of the yearbook table (regional data revised with GDP)"),
    N_("Revised series of the yearbook table (GDP revisions)"),
    N_("GDP at 2015 prices"),
    N_('Tibet: "西藏自治区数据暂缺" (no figure published)'),
    N_("National total of the regional table"),
    N_("MWR bulletin"),
    N_("Key indicator table, 2013 column"),
    N_("Key indicator table, 2015 column (stated in May 2015, before the year ended: an estimate)"),
    N_("index base by definition (stated in May 2015, before the year ended)"),
    N_("Current prices"),
    N_("Comparable prices"),
    N_("Industry above designated size"),
    N_("End of the 13th Five-Year Plan"),
    N_("End of 2023"),
    N_("End of 2024"),
    N_("whole economy, not industry"),
    N_("not the strategy's scope"),
)


def figure_note(fmt: Formatter, note: object) -> str:
    """The note's fragments in ``fmt.lang``: all of them in English, translated ones otherwise."""
    if missing(note) or not isinstance(note, str):
        return ""
    fragments = [f.strip() for f in note.split(";") if f.strip()]
    if fmt.lang == "en":
        return "; ".join(fragments)
    shown = [fmt._(f) for f in fragments if fmt._(f) != f]
    return fmt._("; ").join(shown)
