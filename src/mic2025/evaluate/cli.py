"""``mic2025 evaluate``: a verdict for every target, with the evidence behind it.

Without ``--detail`` one row per target (the verdict, who or what decided it, the figure
it rests on); with ``--detail`` one row per method.  ``--rollup`` counts verdicts per
category, project, task or sector.  Every format (table, csv, json, xlsx, parquet)
follows the same choice; the format comes from ``--format``, else from ``--out``'s
extension.  Verdicts are shown by symbol and word, never by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mic2025.cli.common import (
    AsOfOption,
    DbOption,
    FormatOption,
    LangOption,
    MilestoneOption,
    OutOption,
    PlanOption,
    check_milestone,
    console,
    emit,
    fail,
    open_monitor,
    output_format,
    parse_date,
)

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.evaluate.assessment import Assessment
    from mic2025.plan.model import Plan
    from mic2025.present.formatter import Formatter

EXPORTS = ("table", "csv", "json", "xlsx", "parquet")
DIMENSIONS = ("category", "project", "task", "sector")


def evaluate_command(
    milestone: MilestoneOption = None,
    as_of: AsOfOption = None,
    proxies: Annotated[
        bool, typer.Option("--proxies", help="Also list proxy indicators (shown for context, not counted)")
    ] = False,
    area: Annotated[
        str,
        typer.Option(
            "--area", "-a", metavar="CODE", help="CN, a province code such as CN-GD, or * for every area"
        ),
    ] = "CN",
    method: Annotated[
        list[str] | None,
        typer.Option(
            "--method", metavar="NAME", help="Run only these methods (repeatable)  \\[default: all]"
        ),
    ] = None,
    detail: Annotated[
        bool, typer.Option("--detail", help="One row per method instead of one verdict per target")
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--rollup", metavar="DIMENSION", help="Count verdicts per category, project, task or sector"
        ),
    ] = None,
    lang: LangOption = "en",
    fmt: FormatOption = None,
    out: OutOption = None,
    db: DbOption = None,
    plan_path: PlanOption = None,
) -> None:
    """A verdict for every target: achieved, not achieved or not yet known once a deadline has passed,
    the pace of progress before it; with the figure each verdict rests on."""
    from mic2025.evaluate.assessment import assess_store
    from mic2025.evaluate.methods import METHODS

    chosen = output_format(fmt, out, EXPORTS, default="table")
    check_milestone(milestone)
    if by is not None and by not in DIMENSIONS:
        fail(f"--rollup must be one of {', '.join(DIMENSIONS)}")
    unknown = [m for m in method or [] if m not in METHODS]
    if unknown:
        fail(f"unknown method {', '.join(unknown)}; use {', '.join(METHODS)}")
    cutoff = parse_date(as_of, "--as-of")
    with open_monitor(db, plan_path) as monitor:
        result = assess_store(
            monitor,
            as_of=cutoff,
            milestone=milestone,
            area=area,
            methods=tuple(method) if method else tuple(METHODS),
        )
        plan = monitor.plan
    if not proxies:
        result = result.without_proxies()
    _publish(result, plan, lang=lang, fmt=chosen, out=out, detail=detail, by=by)


def _publish(
    result: Assessment, plan: Plan, *, lang: str, fmt: str, out: object, detail: bool, by: str | None
) -> None:
    from mic2025.present.formatter import Formatter

    words = Formatter(lang)
    if by is not None:
        frame = _rollup_frame(result, plan, words, by, table=fmt == "table")
        title = f"{words._('Evaluation')} — {words._(_dimension(by))}"
    elif detail:
        frame = _detail_frame(result, words, table=fmt == "table")
        title = _title(result, words)
    else:
        frame = _headline_frame(result, plan, words, table=fmt == "table")
        title = _title(result, words)
    if fmt == "table":
        _print_table(frame, title, words, result if by is None else None)
    else:
        emit(frame, fmt, out, title=title)  # type: ignore[arg-type]


def _title(result: Assessment, words: Formatter) -> str:
    _ = words._
    parts = [_("Evaluation")]
    if result.milestone:
        parts.append(_("{year} targets").format(year=result.milestone))
    parts.append(_("evaluated on {date}").format(date=result.evaluated_on.isoformat()))
    if result.as_of:
        parts.append(_("figures published by {date}").format(date=result.as_of.isoformat()))
    return " — ".join(parts)


def _dimension(by: str) -> str:
    from mic2025.vocabulary import DIMENSION_NAMES

    return DIMENSION_NAMES[by]


def _headline_frame(result: Assessment, plan: Plan, words: Formatter, *, table: bool) -> pd.DataFrame:
    """One row per target: the verdict in words and every machine-readable field."""
    from mic2025.plan.describe import describe_target
    from mic2025.present.ordering import sort_rows
    from mic2025.present.verdicts import evidence_phrase, evidence_short, verdict_phrase

    heads = sort_rows(result.heads, plan)
    targets = {t.id: t for t in plan.targets()}
    label = heads["indicator"].map(lambda i: plan.indicator(i).labels.get(words.lang))
    phrase = heads["target"].map(lambda t: describe_target(targets[t], plan, words.lang))
    verdict = heads.apply(lambda r: verdict_phrase(words, plan, r), axis=1)
    evidence = heads.apply(lambda r: evidence_phrase(words, r), axis=1)
    if not table:
        return heads.assign(
            indicator_label=label, target_text=phrase, verdict_text=verdict, evidence_text=evidence
        )
    _ = words._
    proxy = heads["proxy"].map(lambda p: " " + _("(proxy)") if p else "")
    symbol = heads["status"].map(lambda s: words.status(s).symbol)
    short = heads.apply(lambda r: evidence_short(words, r), axis=1)
    return heads.assign(
        **{
            _("target"): label + proxy + "\n" + phrase,
            _("verdict"): symbol + " " + verdict,
            _("trend"): heads["momentum_symbol"].fillna(""),
            _("evidence"): short,
        }
    )[[_("target"), _("verdict"), _("trend"), _("evidence")]]


def _detail_frame(result: Assessment, words: Formatter, *, table: bool) -> pd.DataFrame:
    from mic2025.evaluate.engine import DETAIL_COLUMNS
    from mic2025.evaluate.methods import METHODS

    detail = result.detail.reindex(columns=DETAIL_COLUMNS)
    if not table:
        return detail
    _ = words._
    explain = detail.apply(lambda r: METHODS[r["method"]].explain(r, words), axis=1)
    return detail.assign(
        **{
            _("target"): detail["target"],
            _("method"): detail["method"].map(lambda m: words.method(m, short=True)),
            _("status"): detail["status"].map(lambda s: words.status(s).text),
            _("why"): explain + detail["note"].map(lambda n: ("; " if n else "") + words.notes(n)),
        }
    )[[_("target"), _("method"), _("status"), _("why")]]


def _rollup_frame(result: Assessment, plan: Plan, words: Formatter, by: str, *, table: bool) -> pd.DataFrame:
    from mic2025.evaluate.rollups import rollup
    from mic2025.evaluate.status import STATUSES
    from mic2025.vocabulary import group_label

    counts = rollup(result.heads, by=(by,))
    names = counts["group"].map(lambda g: group_label(plan, by, g, words.lang, words._))
    if not table:
        return counts.assign(group_label=names)
    counts, names = counts[counts["group"] != ""], names[counts["group"] != ""]
    shown = [s for s in STATUSES if counts[s].sum() > 0]
    frame = counts.assign(name=names)[["name", *shown, "total"]]
    _ = words._
    return frame.rename(
        columns={"name": _(_dimension(by)), "total": _("Total"), **{s: words.status(s).text for s in shown}}
    )


def _print_table(frame: pd.DataFrame, title: str, words: Formatter, result: Assessment | None) -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=True, header_style="bold", title_justify="left")
    for column in frame.columns:
        table.add_column(
            str(column), overflow="fold", justify="right" if frame[column].dtype.kind in "iu" else "left"
        )
    for row in frame.itertuples(index=False):
        table.add_row(*[str(v) for v in row])
    screen = console()
    screen.print(table)
    if result is not None:
        counts = result.counts()
        line = "  ".join(f"{words.status(s).text}: {n}" for s, n in counts.items() if n)
        total = sum(counts.values())
        screen.print(f"{line}  ({words._('{n} targets').format(n=total)}; * {words._('provisional')})")
