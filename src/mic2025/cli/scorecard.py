"""``mic2025 scorecard``: each indicator, its latest figure (with source) and its targets.

This is the quick look after ``mic2025 init``; the full judgement of progress is
``mic2025 evaluate``.  The figures come from the store and the wording from the plan.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mic2025.cli.common import (
    DbOption,
    FormatOption,
    LangOption,
    OutOption,
    PlanOption,
    emit,
    open_monitor,
    output_format,
    say,
)


def scorecard(
    all_indicators: Annotated[bool, typer.Option("--all", help="Also proxy and context indicators")] = False,
    lang: LangOption = "en",
    fmt: FormatOption = None,
    out: OutOption = None,
    db: DbOption = None,
    plan_path: PlanOption = None,
) -> None:
    """Each key and project indicator: baseline, latest national figure, targets, source."""
    import pandas as pd

    from mic2025.i18n import translator
    from mic2025.plan.describe import describe_target, format_number
    from mic2025.store.periods import latest_period

    chosen = output_format(fmt, out, ("table", "csv", "json", "parquet", "xlsx"), default="table")
    _ = translator(lang)
    with open_monitor(db, plan_path) as monitor:
        plan = monitor.plan
        store = monitor.store
        current = store.observations_expr(area="CN", sector="_T", entity="")
        latest = latest_period(current, ["indicator"]).to_pandas().set_index("indicator")
    rows = []
    for ind in plan.indicators:
        if not all_indicators and (ind.category == "context" or ind.proxy_of):
            continue
        targets = {t.year: describe_target(t, plan, lang) for t in ind.targets}
        for project in plan.projects:
            for t in project.targets:
                if t.metric == ind.id:
                    targets.setdefault(t.year, describe_target(t, plan, lang))
        has = ind.id in latest.index
        row = latest.loc[ind.id] if has else None
        rows.append(
            {
                _("indicator"): ind.labels.get(lang) + (" " + _("(proxy)") if ind.proxy_of else ""),
                "2015": format_number(ind.baselines[2015]) if 2015 in ind.baselines else "",
                _("latest"): f"{format_number(row['value'])} ({row['period']})" if has else _("no data"),
                "2020": targets.get(2020, ""),
                "2025": targets.get(2025, ""),
                _("source"): row["source"] if has else "",
            }
        )
    emit(pd.DataFrame(rows), chosen, out, title=_("Scorecard so far") + f" — {plan.title.get(lang)}")
    if chosen == "table":
        say(_("Sources: mic2025 sources list; every figure: mic2025 observations"))
