"""The annexes' tables: the methods, definitions of the indicators shown, every source
cited, and the register of figures that are not published."""

from __future__ import annotations

import datetime as dt
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pandas as pd

from mic2025.data_gaps import data_gaps
from mic2025.evaluate.methods import METHODS
from mic2025.plan.describe import describe_target
from mic2025.report.inputs import Inputs, status
from mic2025.report.model import DefinitionRow, Formatter, GapRow, MethodAnnex, SourceRow, Status
from mic2025.report.sections import definition, direction_text, unit_text
from mic2025.report.sources import licence, unknown
from mic2025.vocabulary import GAP_REASONS

if TYPE_CHECKING:
    from mic2025.plan.model import Indicator


def shown_indicators(inp: Inputs, ids: list[str]) -> list[Indicator]:
    """The indicators with a section, then their proxies."""
    shown = [inp.plan.indicator(i) for i in ids]
    return shown + [p for i in ids for p in inp.proxies.get(i, [])]


def definitions(inp: Inputs, shown: list[Indicator]) -> list[DefinitionRow]:
    """Annex A: label, unit, direction, plan reference, definition of every indicator shown."""
    plan, fmt, lang = inp.plan, inp.fmt, inp.lang
    return [
        DefinitionRow(
            label=ind.labels.get(lang) + (" " + fmt._("(proxy)") if ind.proxy_of else ""),
            unit=unit_text(plan, ind, lang),
            direction=direction_text(fmt, ind),
            ref=fmt.ref(ind.ref),
            definition=definition(ind, lang),
            proxy_of=plan.indicator(ind.proxy_of).labels.get(lang) if ind.proxy_of else "",
        )
        for ind in shown
    ]


def source_rows(inp: Inputs, shown: list[Indicator]) -> list[SourceRow]:
    """Annex B: every source a figure in the report cites, named in the report language."""
    used = inp.obs[inp.obs["indicator"].isin([i.id for i in shown])]
    table = inp.sources.set_index("id") if not inp.sources.empty else inp.sources
    return [
        _source_row(inp, sid, used[used["source"] == sid], table)
        for sid in sorted(set(used["source"].astype(str)))
    ]


def _source_row(inp: Inputs, sid: str, figs: pd.DataFrame, table: pd.DataFrame) -> SourceRow:
    fmt, lang = inp.fmt, inp.lang
    listing = fmt._("; ").join(
        f"{inp.plan.indicator(i).labels.get(lang)} {', '.join(g['period'].astype(str))}"
        for i, g in figs.groupby("indicator", sort=True)
    )
    name = inp.names.get(sid) or unknown(sid)
    s = table.loc[sid] if sid in table.index else {}
    synthetic = s.get("synthetic")
    return SourceRow(
        id=name.anchor,
        publisher=name.publisher,
        title=name.title,
        table=_text(s.get("table")),
        url=_text(s.get("url")),
        published=name.published,
        retrieved=_date(s.get("retrieved")),
        licence=licence(_text(s.get("licence")), fmt._),
        synthetic=bool(synthetic) if pd.notna(synthetic) else False,
        figures=listing,
    )


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _date(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def methods_annex(fmt: Formatter) -> list[MethodAnnex]:
    """Annex A, one entry per method, in display order: every word, formula and threshold
    comes from the method's own module, so a new method appears here without an edit."""
    return [_method_entry(fmt, number, module) for number, module in enumerate(METHODS.values(), start=1)]


def _method_entry(fmt: Formatter, number: int, module: ModuleType) -> MethodAnnex:
    explanation = getattr(module, "EXPLANATION", "")
    return MethodAnnex(
        number=number,
        label=fmt._(module.LABEL),
        description=fmt._(module.DESCRIPTION),
        explanation=fmt._(explanation) if explanation else "",
        formulas=list(dict.fromkeys(module.FORMULAS.values())),
        citation=module.CITATION,
        rules=_rules(fmt, module.THRESHOLDS),
    )


def _rules(fmt: Formatter, thresholds: dict[str, float]) -> list[tuple[Status, str]]:
    """The status each range of the method's measure gives, best first; achieved first of all."""
    rules = [(status(fmt, "achieved"), fmt._("latest value at or past the target"))]
    upper: float | None = None
    for code, lower in thresholds.items():
        low = fmt.num(lower, 2)
        text = f"≥ {low}" if upper is None else f"{low} ≤ x < {fmt.num(upper, 2)}"
        rules.append((status(fmt, code), text))
        upper = lower
    if upper is not None:
        rules.append((status(fmt, "regressing"), f"x < {fmt.num(upper, 2)}"))
    return rules


def gap_rows(inp: Inputs, *, area: str) -> list[GapRow]:
    """The data-gap register for the report's area and plan: the English notes of what was
    searched go only into the English report; every language gets the translated reason."""
    fmt, lang = inp.fmt, inp.lang
    known = {i.id for i in inp.plan.indicators}
    targets = {t.id: t for t in inp.plan.targets()}
    rows = []
    for gap in data_gaps(area=area, indicators=known):
        named = [describe_target(targets[t], inp.plan, lang) for t in gap.targets if t in targets]
        rows.append(
            GapRow(
                indicator=inp.plan.indicator(gap.indicator).labels.get(lang),
                targets=fmt._("; ").join(named),
                periods=gap.periods_missing,
                reason=fmt._(GAP_REASONS[gap.reason]),
                finding=gap.finding if lang == "en" else "",
                checked=gap.checked,
            )
        )
    return rows
