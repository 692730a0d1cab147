"""``mic2025 plan``: show the strategy as data, list its indicators, check a plan file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mic2025.cli.common import (
    FormatOption,
    LangOption,
    OutOption,
    PlanOption,
    console,
    emit,
    fail,
    output_format,
)
from mic2025.i18n import translator
from mic2025.plan.describe import describe_target, format_number, unit_label

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Plan

app = typer.Typer(help="The strategy as data: steps, tasks, projects, sectors, measures, indicators.")


def _load(plan_path: Path | None, lang: str) -> Plan:
    from mic2025.plan.loader import PlanFileError, load_plan  # pydantic loads with the plan

    try:
        return load_plan(plan_path)
    except PlanFileError as exc:
        fail(str(exc))


@app.command("show")
def show(
    lang: LangOption = "en",
    as_json: Annotated[bool, typer.Option("--json", help="The whole plan as JSON")] = False,
    plan_path: PlanOption = None,
) -> None:
    """Print the plan as a tree (or JSON), labels in the chosen language."""
    from rich.tree import Tree

    plan = _load(plan_path, lang)
    if as_json:
        typer.echo(json.dumps(plan.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2))
        return
    _ = translator(lang)
    heading = f"{plan.issuer.get(lang)}, {plan.issued} ({plan.document.get(lang)})"
    tree = Tree(f"[bold]{plan.title.get(lang)}[/] — {heading}")
    sections = [
        (_("Steps"), plan.steps, lambda s: f"{s.year}: {s.labels.get(lang)}", None),
        (_("Basic principles"), plan.principles, lambda e: e.labels.get(lang), None),
        (_("Guiding approaches"), plan.guiding_approaches, lambda e: e.labels.get(lang), None),
        (_("Strategic tasks"), plan.tasks, lambda t: f"{t.number}. {t.labels.get(lang)}", "items"),
        (_("Major projects"), plan.projects, lambda p: f"{p.number}. {p.labels.get(lang)}", None),
        (
            _("Priority sectors"),
            plan.sectors,
            lambda s: f"{s.number}. {s.labels.get(lang)}  [dim]{' '.join(s.gbt4754)}[/]",
            "subsectors",
        ),
        (_("Support measures"), plan.measures, lambda m: f"{m.number}. {m.labels.get(lang)}", "items"),
    ]
    for title, elements, label, children in sections:
        branch = tree.add(f"[bold]{title}[/] ({len(elements)})")
        for element in elements:
            node = branch.add(f"{label(element)}  [dim]§{element.ref.section}[/]")
            for child in getattr(element, children, []) if children else []:
                node.add(child.labels.get(lang))
            for target in getattr(element, "targets", []):
                node.add(
                    f"[cyan]{plan.indicator(target.metric).labels.get(lang)}[/]: "
                    f"{describe_target(target, plan, lang)}"
                )
    indicators = tree.add(f"[bold]{_('Key indicators')}[/] ({len(plan.key_indicators())})")
    for ind in plan.key_indicators():
        indicators.add(f"{ind.labels.get(lang)} [dim]({unit_label(plan, ind.unit, lang)})[/]")
    console().print(tree)


def indicator_frame(plan: Plan, lang: str = "en", key_only: bool = False) -> pd.DataFrame:
    """One row per indicator: category, unit, direction, baselines, 2020 and 2025 targets."""
    import pandas as pd

    _ = translator(lang)
    rows = []
    for ind in plan.indicators:
        if key_only and not ind.key:
            continue
        targets = {t.year: describe_target(t, plan, lang) for t in ind.targets}
        rows.append(
            {
                "id": ind.id,
                _("indicator"): ind.labels.get(lang),
                _("category"): ind.category,
                _("unit"): unit_label(plan, ind.unit, lang),
                _("direction"): _("higher is better") if ind.direction == "higher" else _("lower is better"),
                "2013": format_number(ind.baselines[2013]) if 2013 in ind.baselines else "",
                "2015": format_number(ind.baselines[2015]) if 2015 in ind.baselines else "",
                "2020": targets.get(2020, ""),
                "2025": targets.get(2025, ""),
                _("proxy of"): ind.proxy_of or "",
                _("section"): ind.ref.section + (f" n.{ind.ref.note}" if ind.ref.note else ""),
            }
        )
    return pd.DataFrame(rows)


@app.command("indicators")
def indicators(
    lang: LangOption = "en",
    fmt: FormatOption = None,
    out: OutOption = None,
    all_indicators: Annotated[
        bool, typer.Option("--all", help="Include project, proxy and context indicators")
    ] = False,
    plan_path: PlanOption = None,
) -> None:
    """The key indicator table: baselines (2013, 2015) and targets (2020, 2025)."""
    chosen = output_format(fmt, out, ("table", "csv", "json", "parquet", "xlsx"), default="table")
    plan = _load(plan_path, lang)
    frame = indicator_frame(plan, lang, key_only=not all_indicators)
    emit(frame, chosen, out, title=plan.title.get(lang))


@app.command("check")
def check(path: Annotated[Path, typer.Argument(metavar="PLAN", help="Plan file or directory")]) -> None:
    """Validate a plan file; every problem is reported with its field and line."""
    plan = _load(path, "en")
    console().print(
        f"ok: {plan.id}: {len(plan.indicators)} indicators, {len(plan.targets())} targets, "
        f"{len(plan.tasks)} tasks, {len(plan.projects)} projects, {len(plan.sectors)} sectors"
    )


_DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx")


def _reference(name: str) -> Plan | None:
    """``builtin``, ``none`` or a plan file or directory, for linking extracted phrases."""
    if name == "none":
        return None
    return _load(None if name == "builtin" else Path(name), "en")


@app.command("extract")
def extract(
    document: Annotated[
        Path, typer.Argument(metavar="DOCUMENT", help="Plain text, HTML, PDF (text layer) or .docx")
    ],
    lang: Annotated[
        str, typer.Option("--lang", help="auto, en, zh-Hans, zh-Hant, ja or ko (auto: per sentence)")
    ] = "auto",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the draft plan TOML here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the targets found as JSON")] = False,
    reference: Annotated[
        str, typer.Option("--reference", help="Plan to link phrases to: builtin, none or a path")
    ] = "builtin",
    year: Annotated[
        int | None, typer.Option("--year", help="Year the document was issued, when the text does not say")
    ] = None,
) -> None:
    """Extract the quantified targets of a document into a draft plan (review it, then `plan check`)."""
    from mic2025.extract import DocumentError, extract_plan
    from mic2025.extract.language import check_lang

    try:
        check_lang(lang)
        draft = extract_plan(document, lang=lang, reference=_reference(reference), doc_year=year)
    except (DocumentError, ValueError) as exc:
        fail(str(exc))
        raise  # unreachable: fail exits
    if as_json:
        payload = {
            "document": draft.document.path, "doc_year": draft.extraction.doc_year,
            "notes": draft.extraction.notes, "targets": [c.to_json() for c in draft.extraction.candidates],
        }  # fmt: skip
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    text = draft.toml()
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    drafts = sum(c.draft for c in draft.extraction.candidates)
    console().print(
        f"wrote {out}: {len(draft.extraction.candidates)} targets ({drafts} marked draft), "
        f"{len(draft.plan_data['indicators'])} indicators"
    )


def _plan_for_diff(name: str, lang: str, reference: str) -> Plan:
    """``builtin``, a plan file/directory, or a document to extract on the fly."""
    if name == "builtin":
        return _load(None, "en")
    path = Path(name)
    if path.is_file() and path.suffix.lower() in _DOCUMENT_SUFFIXES:
        from mic2025.extract import DocumentError, extract_plan

        try:
            return extract_plan(path, lang=lang, reference=_reference(reference)).plan()
        except DocumentError as exc:
            fail(str(exc))
    return _load(path, "en")


@app.command("diff")
def diff(
    a: Annotated[
        str, typer.Argument(metavar="A", help="Plan A: builtin, a plan file or directory, or a document")
    ],
    b: Annotated[
        str, typer.Argument(metavar="B", help="Plan B: builtin, a plan file or directory, or a document")
    ],
    fmt: FormatOption = None,
    out: OutOption = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of documents given as A or B")] = "auto",
    reference: Annotated[
        str, typer.Option("--reference", help="For documents: plan to link phrases to (builtin, none, path)")
    ] = "builtin",
) -> None:
    """Targets added, removed and changed (value, year, unit, comparator) from plan A to plan B."""
    import pandas as pd

    from mic2025.extract.diff import diff_plans

    chosen = output_format(fmt, out, ("table", "csv", "json", "xlsx", "parquet"), default="table")
    changes = diff_plans(_plan_for_diff(a, lang, reference), _plan_for_diff(b, lang, reference))
    columns = ["change", "indicator", "year", "field", "a", "b", "quote_a", "quote_b"]
    frame = pd.DataFrame([c.to_row() for c in changes], columns=columns)
    if chosen == "table":
        frame = frame.drop(columns=["quote_a", "quote_b"])
    emit(frame, chosen, out, title=f"{a} → {b}: {len(changes)} differences")
