"""``mic2025 scorecard``: the main job's answer, one line per target, readable at 100 columns.

For every target of the key indicator table and the major projects (national figures):
the target in the plan's words, the figure its verdict rests on (with unit, period,
and the source by publisher and date), and the verdict by symbol and word.  A baseline
is never shown as a latest figure, and an average-growth target is shown against the
average growth observed.  ``mic2025 evaluate`` gives the reasons and every field.

Narrow terminals: the source moves under the figure in the same cell, and below 60
columns the figure column is dropped (the verdict sentence still quotes it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.cli.common import (
    AsOfOption,
    DbOption,
    FormatOption,
    LangOption,
    OutOption,
    PlanOption,
    console,
    emit,
    open_monitor,
    output_format,
    parse_date,
    say,
)

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.evaluate.assessment import Assessment
    from mic2025.plan.model import Plan
    from mic2025.present.formatter import Formatter

EXPORTS = ("table", "csv", "json", "xlsx", "parquet")
NARROW = 60


def scorecard(
    lang: LangOption = "en",
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    out: OutOption = None,
    db: DbOption = None,
    plan_path: PlanOption = None,
) -> None:
    """Every target of the strategy: the latest figure, its source and the verdict."""
    from mic2025.evaluate.assessment import assess_store
    from mic2025.present.formatter import Formatter

    chosen = output_format(fmt, out, EXPORTS, default="table")
    with open_monitor(db, plan_path) as monitor:
        result = assess_store(monitor, as_of=parse_date(as_of, "--as-of")).without_proxies()
        plan, sources = monitor.plan, monitor.sources()
    words = Formatter(lang)
    frame = scorecard_frame(result, plan, sources, words)
    _ = words._
    when = _("evaluated on {date}").format(date=result.evaluated_on.isoformat())
    title = f"{plan.title.get(lang)} — {when}"
    if chosen != "table":
        emit(frame, chosen, out, title=title)
        return
    _print(frame, title, words, result)
    say(_("Reasons and every field: mic2025 evaluate; every figure: mic2025 observations"))


def scorecard_frame(result: Assessment, plan: Plan, sources: pd.DataFrame, words: Formatter) -> pd.DataFrame:
    """One row per target: target, figure, source, verdict (text columns in ``words``' language)."""
    import pandas as pd

    from mic2025.plan.describe import describe_target
    from mic2025.present.ordering import sort_rows
    from mic2025.present.verdicts import figure

    heads = sort_rows(result.heads, plan)
    targets = {t.id: t for t in plan.targets()}
    by_id = sources.set_index("id") if not sources.empty else pd.DataFrame()
    rows = []
    for _i, r in heads.iterrows():
        period = str(r["evidence_period"] or "")
        shown = figure(words, plan, r)
        rows.append(
            {
                "target_id": r["target"],
                "target": plan.indicator(r["indicator"]).labels.get(words.lang),
                "target_text": describe_target(targets[r["target"]], plan, words.lang),
                "figure": f"{shown} ({period})" if shown else "—",
                "source": source_line(by_id, r["evidence_source"]) if shown else "",
                "status": r["status"],
                "verdict": words.status(r["status"]).text + (" *" if r["provisional"] else ""),
            }
        )
    return pd.DataFrame(rows)


def source_line(sources: pd.DataFrame, source_id: object) -> str:
    """A source as a reader recognises it: its publisher (first part) and publication date."""
    if not isinstance(source_id, str) or not source_id or source_id not in sources.index:
        return ""
    row = sources.loc[source_id]
    publisher = str(row.get("publisher") or row.get("title") or source_id)
    name = publisher.split(",")[0].split(" (")[0].strip()
    date = row.get("published")
    return f"{name}, {date.isoformat() if hasattr(date, 'isoformat') else (date or '')}".rstrip(", ")


def _print(frame: pd.DataFrame, title: str, words: Formatter, result: Assessment) -> None:
    from rich.table import Table

    _ = words._
    screen = console()
    narrow = screen.width < NARROW
    table = Table(title=title, show_lines=True, header_style="bold", title_justify="left")
    table.add_column(_("target"), ratio=5, overflow="fold")
    if not narrow:
        table.add_column(_("latest figure and source"), ratio=4, overflow="fold")
    table.add_column(_("verdict"), ratio=2, overflow="fold")
    for r in frame.itertuples(index=False):
        cells = [f"{r.target}\n[dim]{r.target_text}[/]"]
        if not narrow:
            cells.append(f"{r.figure}\n[dim]{r.source}[/]" if r.source else r.figure)
        cells.append(r.verdict)
        table.add_row(*cells)
    screen.print(table)
    counts = result.counts()
    line = "  ".join(f"{words.status(s).text}: {n}" for s, n in counts.items() if n)
    screen.print(f"{line}  ({_('{n} targets').format(n=sum(counts.values()))}; * {_('provisional')})")


__all__ = ["scorecard", "scorecard_frame"]
