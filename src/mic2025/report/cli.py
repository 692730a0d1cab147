"""``mic2025 report``: write an evaluation report (the lead registers the command).

    mic2025 report --lang ja --format pdf --milestone 2020 --as-of 2021-06-30 --out mid.pdf

The output is one file: self-contained HTML (no external requests) or PDF.  Nothing
in it depends on the clock unless ``--date`` is given, so re-running a report on the
same store gives the same HTML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mic2025.cli.common import DbOption, err_console, fail
from mic2025.i18n import check_language


def report_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (.html or .pdf)")],
    lang: Annotated[str, typer.Option("--lang", help="en, zh-Hans, zh-Hant, ja or ko")] = "en",
    fmt: Annotated[str, typer.Option("--format", "-f", help="html or pdf")] = "html",
    milestone: Annotated[
        int | None, typer.Option(help="2020 (mid-term) or 2025 (final); both if omitted")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Only data published by this date (YYYY-MM-DD)")
    ] = None,
    area: Annotated[str, typer.Option(help="Area code, e.g. CN or CN-GD")] = "CN",
    date: Annotated[
        str | None, typer.Option("--date", help="Report date printed on the cover (YYYY-MM-DD)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Evaluation report: summary, one section per indicator with chart, projects, sectors, annexes."""
    import mic2025
    from mic2025.report import FORMATS, build_report

    try:
        check_language(lang)
    except ValueError as exc:
        fail(str(exc))
    if fmt not in FORMATS:
        fail(f"--format must be html or pdf, not {fmt!r}")
    if milestone not in (None, 2020, 2025):
        fail("--milestone must be 2020 or 2025")
    try:
        cutoff = dt.date.fromisoformat(as_of) if as_of else None
        generated = dt.date.fromisoformat(date) if date else None
    except ValueError as exc:
        fail(f"not a date (YYYY-MM-DD): {exc}")
    with mic2025.open(db) as monitor:
        result = build_report(
            monitor, lang=lang, fmt=fmt, milestone=milestone, as_of=cutoff, area=area, generated=generated
        )
    if isinstance(result, bytes):
        out.write_bytes(result)
    else:
        out.write_text(result, encoding="utf-8")
    err_console.print(f"wrote {fmt} report ({lang}) to {out}")
