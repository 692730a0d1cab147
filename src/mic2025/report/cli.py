"""``mic2025 report``: write an evaluation report.

    mic2025 report --lang ja --milestone 2020 --as-of 2021-06-30 --out mid.pdf
    mic2025 report --lang all --out reports/          # report-<lang>.html and .pdf, each language

The output is one file: self-contained HTML (no external requests) or PDF, chosen by
``--format`` or else by the extension of ``--out``.  With ``--lang all`` ``--out`` is a
folder and every language is written (both formats unless ``--format`` names one) from
one reading of the store, the PDFs laid out in parallel (``report.batch``).  Nothing in
it depends on the clock unless ``--date`` is given, so re-running a report on the same
store gives the same HTML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from mic2025.cli.common import (
    AreaOption,
    AsOfOption,
    DbOption,
    MilestoneOption,
    PlanOption,
    check_milestone,
    fail,
    language_value,
    open_monitor,
    output_format,
    parse_date,
    say,
)
from mic2025.languages import CODES

REPORT_FORMATS = ("html", "pdf")
ALL = "all"


def _report_language(value: str | None) -> str | None:
    """A language code in any case, or ``all`` for every language (a batch)."""
    if value is not None and value.lower() == ALL:
        return ALL
    return language_value(value)


ReportLangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG|all",
        callback=_report_language,
        help=f"Language: {', '.join(CODES)} (any case), or all (then --out is a folder)",
    ),
]


def report_command(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", metavar="FILE", help="File: .html or .pdf (with --lang all: a folder)"),
    ],
    lang: ReportLangOption = "en",
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

    check_milestone(milestone)
    cutoff = parse_date(as_of, "--as-of")
    generated = parse_date(date, "--date") or dt.date.today()  # a report carries its date
    if lang == ALL:
        options = {"milestone": milestone, "as_of": cutoff, "area": area or "CN", "generated": generated}
        _write_all(out, fmt, db, plan, **options)
        return
    chosen = output_format(fmt, out, REPORT_FORMATS, default="html")
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


def _write_all(out: Path, fmt: str | None, db: str | None, plan: Path | None, **options: Any) -> None:
    """``--lang all``: every language into the folder ``out``, through ``write_reports``."""
    from mic2025.report.batch import write_reports

    if fmt is not None and fmt.lower() not in REPORT_FORMATS:
        fail(f"format {fmt!r} is not available here; use one of {', '.join(REPORT_FORMATS)}")
    if out.exists() and not out.is_dir():
        fail(f"with --lang all, --out is a folder: {out} is a file")
    formats = (fmt.lower(),) if fmt else REPORT_FORMATS
    with open_monitor(db, plan) as monitor:
        paths = write_reports(monitor, out, formats=formats, **options)
    say(f"wrote {len(paths)} reports ({', '.join(formats)}; {', '.join(CODES)}) to {out}")
