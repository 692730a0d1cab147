"""The annexes' tables: definitions of the indicators shown, and every source cited."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd

from mic2025.report.inputs import Inputs
from mic2025.report.model import DefinitionRow, SourceRow
from mic2025.report.sections import definition, direction_text, unit_text
from mic2025.report.sources import licence, unknown

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
