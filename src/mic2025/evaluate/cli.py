"""``mic2025 evaluate``: print the progress scorecard (the lead registers the command).

Statuses are shown by word and symbol (never by colour alone); ``--format json|csv``
gives the full machine-readable frame, one row per target x area x sector x method.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from mic2025.cli.common import (
    AsOfOption,
    DbOption,
    LangOption,
    MilestoneOption,
    PlanOption,
    check_milestone,
    open_monitor,
    parse_date,
)
from mic2025.i18n import translator

if TYPE_CHECKING:
    import pandas as pd

DIMENSIONS: tuple[str, ...] = ("category", "project", "task", "sector")

FORMATS = ("table", "json", "csv")


def _label(plan: object, indicator_id: str, lang: str) -> str:
    try:
        return plan.indicator(indicator_id).labels.get(lang)  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return indicator_id


def _fmt(value: object, digits: int = 2) -> str:
    import pandas as pd

    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def evaluate_command(
    milestone: MilestoneOption = None,
    as_of: AsOfOption = None,
    area: Annotated[str | None, typer.Option(help="One area, e.g. CN or CN-GD")] = None,
    method: Annotated[
        list[str] | None, typer.Option(help="growth_ratio, unsd_gap, trend (repeatable)")
    ] = None,
    lang: LangOption = "en",
    format: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
    detail: Annotated[
        bool, typer.Option("--detail", help="One row per method instead of the headline per target")
    ] = False,
    by: Annotated[
        str | None,
        typer.Option("--rollup", help="Counts by status per category, project, task or sector instead"),
    ] = None,
    db: DbOption = None,
    plan_path: PlanOption = None,
) -> None:
    """Progress of every target by three methods side by side, with a headline status."""
    from mic2025.evaluate.rollups import rollup
    from mic2025.evaluate.scorecard import DEFAULT_METHODS, evaluate

    if format not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    check_milestone(milestone)
    cutoff = parse_date(as_of, "--as-of")
    with open_monitor(db, plan_path) as store:
        observations = store.observations(as_of=cutoff) if cutoff is not None else store.observations()
        card = evaluate(
            store.plan,
            observations,
            milestone=milestone,
            methods=tuple(method) if method else DEFAULT_METHODS,
            as_of=cutoff,
            area=area,
        )
        plan = store.plan
    if by is not None:
        if by not in DIMENSIONS:
            raise typer.BadParameter(f"--rollup must be one of {', '.join(DIMENSIONS)}")
        card = rollup(card, by=(by,))
        if format == "table":
            _print_rollup(card, plan, lang, by)
            return
    if format == "json":
        typer.echo(card.to_json(orient="records", force_ascii=False, date_format="iso"))
        return
    if format == "csv":
        typer.echo(card.to_csv(index=False), nl=False)
        return
    if detail:
        _print_table(card, plan, lang, milestone, as_of)
    else:
        _print_headline(card, plan, lang, milestone, as_of)


def _print_table(
    card: pd.DataFrame, plan: object, lang: str, milestone: int | None, as_of: str | None
) -> None:
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    from mic2025.evaluate.status import status_label

    title = (
        "Evaluation"
        + (f" — milestone {milestone}" if milestone else "")
        + (f" — as of {as_of}" if as_of else "")
    )
    table = Table(title=title, show_lines=False)
    for name in (
        "target",
        "indicator",
        "area",
        "sector",
        "method",
        "status",
        "baseline",
        "latest",
        "target value",
        "ratio",
        "P(meet)",
        "years",
        "note",
    ):
        table.add_column(name, overflow="fold")
    for r in card.itertuples(index=False):
        label = _label(plan, r.indicator, lang) + (" (proxy)" if r.proxy else "")
        table.add_row(
            r.target,
            label,
            r.area,
            r.sector,
            r.method,
            f"{r.status_symbol} {status_label(r.status, lang)}",
            f"{_fmt(r.baseline_value)} ({int(r.baseline_year)})" if pd.notna(r.baseline_value) else "",
            f"{_fmt(r.latest_value)} ({r.latest_period})" if pd.notna(r.latest_value) else "",
            _fmt(r.target_value),
            _fmt(r.progress_ratio),
            _fmt(r.prob_meet),
            r.years_used,
            r.note,
        )
    # piped output (files, CI logs) is not squeezed to 80 columns
    console = Console(width=None if sys.stdout.isatty() else 240)
    console.print(table)
    counts = card.groupby(["method", "status"]).size().unstack(fill_value=0)
    console.print(
        json.dumps(
            {m: {k: int(v) for k, v in row.items() if v} for m, row in counts.iterrows()},
            ensure_ascii=False,
        )
    )


def _print_headline(
    card: pd.DataFrame, plan: object, lang: str, milestone: int | None, as_of: str | None
) -> None:
    """One row per target and area: the most cautious status and the method behind it."""
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    from mic2025.evaluate.status import STATUSES, headline, status_label

    _ = translator(lang)
    top = headline(card)
    methods = [m for m in ("growth_ratio", "unsd_gap", "trend") if f"status_{m}" in top.columns]
    title = (
        _("Evaluation")
        + (f" — {milestone}" if milestone else "")
        + (f" — {_('as of')} {as_of}" if as_of else "")
    )
    table = Table(title=title, show_lines=False)
    for name in (
        _("indicator"),
        _("area"),
        _("target"),
        _("status"),
        _("decided by"),
        *methods,
        _("baseline"),
        _("latest"),
        _("note"),
    ):
        table.add_column(name, overflow="fold")
    symbols = dict(zip(card["status"], card["status_symbol"], strict=False))
    for r in top.itertuples(index=False):
        label = _label(plan, r.indicator, lang) + (" " + _("(proxy)") if r.proxy else "")
        table.add_row(
            label,
            r.area,
            f"{_fmt(r.target_value)} ({r.target_year})",
            f"{r.status_symbol} {status_label(r.status, lang)}",
            r.decided_by,
            *[symbols.get(getattr(r, f"status_{m}"), "") for m in methods],
            f"{_fmt(r.baseline_value)} ({int(r.baseline_year)})" if pd.notna(r.baseline_value) else "",
            f"{_fmt(r.latest_value)} ({r.latest_period})" if pd.notna(r.latest_value) else "",
            r.note,
        )
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    counts = top["status"].value_counts()
    console.print(
        "  ".join(
            f"{symbols.get(s, '')} {status_label(s, lang)}: {int(counts[s])}" for s in STATUSES if s in counts
        )
    )


def _print_rollup(counts: pd.DataFrame, plan: object, lang: str, by: str) -> None:
    """Counts of targets by headline status per group: no averages, nothing hidden."""
    from rich.console import Console
    from rich.table import Table

    from mic2025.evaluate.status import STATUSES, SYMBOLS, status_label
    from mic2025.vocabulary import DIMENSION_NAMES, group_label

    _ = translator(lang)
    table = Table(title=f"{_('Evaluation')} — {_(DIMENSION_NAMES[by])}")
    table.add_column(_(DIMENSION_NAMES[by]))
    for status in STATUSES:
        table.add_column(f"{SYMBOLS[status]} {status_label(status, lang)}", justify="right")
    table.add_column(_("Total"), justify="right")
    for r in counts.to_dict("records"):
        if not r["group"]:
            table.add_row(f"[dim]{r['note']}[/]", *[""] * (len(STATUSES) + 1))
            continue
        name = group_label(plan, by, r["group"], lang, _)
        table.add_row(name, *[str(r[s]) for s in STATUSES], str(r["total"]))
    Console(width=None if sys.stdout.isatty() else 160).print(table)
