"""``mic2025 report``: write an evaluation report.

    mic2025 report --lang ja --milestone 2020 --as-of 2021-06-30 --out mid.pdf

The output is one file: self-contained HTML (no external requests) or PDF, chosen by
``--format`` or else by the extension of ``--out``.  Nothing in it depends on the clock
unless ``--date`` is given, so re-running a report on the same store gives the same HTML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mic2025.cli.common import (
    AreaOption,
    AsOfOption,
    DbOption,
    LangOption,
    MilestoneOption,
    PlanOption,
    check_milestone,
    open_monitor,
    output_format,
    parse_date,
    say,
)

REPORT_FORMATS = ("html", "pdf")


def report_command(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="File to write: .html or .pdf")],
    lang: LangOption = "en",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="html|pdf",
            help="\\[default: from --out's extension]",
            show_default=False,
        ),
    ] = None,
    milestone: MilestoneOption = None,
    as_of: AsOfOption = None,
    area: AreaOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="DATE", help="Report date printed on the cover (YYYY-MM-DD) \\[default: today]"
        ),
    ] = None,
    db: DbOption = None,
    plan: PlanOption = None,
) -> None:
    """Evaluation report: summary, one section per indicator with chart, projects, sectors, annexes."""
    from mic2025.report import build_report

    chosen = output_format(fmt, out, REPORT_FORMATS, default="html")
    check_milestone(milestone)
    cutoff = parse_date(as_of, "--as-of")
    generated = parse_date(date, "--date") or dt.date.today()  # a report carries its date
    with open_monitor(db, plan) as monitor:
        result = build_report(
            monitor,
            lang=lang,
            fmt=chosen,  # type: ignore[arg-type]
            milestone=milestone,
            as_of=cutoff,
            area=area or "CN",
            generated=generated,
        )
    if isinstance(result, bytes):
        out.write_bytes(result)
    else:
        out.write_text(result, encoding="utf-8")
    say(f"wrote {chosen} report ({lang}) to {out}")
