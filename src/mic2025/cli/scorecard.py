"""``mic2025 scorecard``: each indicator, its latest figure (with source) and its targets.

This is the quick look after ``mic2025 init``; the full judgement of progress is
``mic2025 evaluate``.  The figures come from the store and the wording from the plan.
"""

from __future__ import annotations

import pandas as pd

from mic2025.cli.common import DbOption, FormatOption, LangOption, OutOption, OutputFormat, emit, fail
from mic2025.i18n import check_language, translator
from mic2025.plan.describe import describe_target, format_number, unit_label


def scorecard(
    lang: LangOption = "en",
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Each key and project indicator: baseline, latest national figure, targets, source."""
    import mic2025
    from mic2025.store.periods import latest_period

    try:
        check_language(lang)
    except ValueError as exc:
        fail(str(exc))
    _ = translator(lang)
    with mic2025.open(db) as monitor:
        plan = monitor.plan
        store = monitor.store
        current = store.observations_expr(area="CN", sector="_T", entity="")
        latest = latest_period(current, ["indicator"]).to_pandas().set_index("indicator")
        sources = monitor.sources().set_index("id")
    rows = []
    for ind in plan.indicators:
        if ind.category == "context":
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
                _("unit"): unit_label(plan, ind.unit, lang),
                "2015": format_number(ind.baselines[2015]) if 2015 in ind.baselines else "",
                _("latest"): format_number(row["value"]) if has else _("no data"),
                _("period"): row["period"] if has else "",
                "2020": targets.get(2020, ""),
                "2025": targets.get(2025, ""),
                _("source"): _source_label(sources, row["source"]) if has else "",
            }
        )
    emit(pd.DataFrame(rows), fmt, out, title=_("Scorecard so far") + f" — {plan.title.get(lang)}")


def _source_label(sources: pd.DataFrame, source_id: str) -> str:
    if source_id in sources.index:
        record = sources.loc[source_id]
        publisher = record["publisher"] if isinstance(record["publisher"], str) else ""
        return f"{source_id} ({publisher})" if publisher else source_id
    return source_id
