"""``mic2025 report``: write an evaluation report (the lead registers the command).

    mic2025 report --lang ja --format pdf --milestone 2020 --as-of 2021-06-30 --out mid.pdf

The output is one file: self-contained HTML (no external requests) or PDF.  Nothing
in it depends on the clock unless ``--date`` is given, so re-running a report on the
same store gives the same HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mic2025.cli.common import (
    AsOfOption,
    DbOption,
    LangOption,
    MilestoneOption,
    check_milestone,
    err_console,
    fail,
    language,
    parse_date,
)


def report_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (.html or .pdf)")],
    lang: LangOption = "en",
    fmt: Annotated[str, typer.Option("--format", "-f", help="html or pdf")] = "html",
    milestone: MilestoneOption = None,
    as_of: AsOfOption = None,
    area: Annotated[str, typer.Option(help="Area code, e.g. CN or CN-GD")] = "CN",
    date: Annotated[
        str | None, typer.Option("--date", help="Report date printed on the cover (YYYY-MM-DD)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Evaluation report: summary, one section per indicator with chart, projects, sectors, annexes."""
    import mic2025
    from mic2025.report import FORMATS, build_report

    language(lang)
    if fmt not in FORMATS:
        fail(f"--format must be html or pdf, not {fmt!r}")
    check_milestone(milestone)
    cutoff = parse_date(as_of, "--as-of")
    generated = parse_date(date, "--date")
    with mic2025.open(db) as monitor:
        result = build_report(
            monitor, lang=lang, fmt=fmt, milestone=milestone, as_of=cutoff, area=area, generated=generated
        )
    if isinstance(result, bytes):
        out.write_bytes(result)
    else:
        out.write_text(result, encoding="utf-8")
    err_console.print(f"wrote {fmt} report ({lang}) to {out}")
