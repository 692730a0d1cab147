"""An indicator's metadata, as Open SDG's metadata tab shows it: what is measured and by whom.

Every entry comes from the plan (definition and formula from the strategy's footnotes,
unit, scope, compiling agency, periodicity, proxies) or from the figures the report
shows (breaks in series: figures flagged ``B``; publishers of the figures used).  An
entry the plan does not give is left out, never filled with a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.plan.describe import unit_label
from mic2025.present.formatter import Formatter
from mic2025.report.sources import SourceName, strip_brackets
from mic2025.vocabulary import N_

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Indicator, Plan

PERIODICITY: dict[str, str] = {
    "annual": N_("annual"),
    "quarterly": N_("quarterly"),
    "monthly": N_("monthly"),
    "irregular": N_("irregular"),
    "once": N_("once"),
}
FIELDS: dict[str, str] = {
    "definition": N_("Definition"),
    "formula": N_("Formula"),
    "unit": N_("Unit"),
    "scope": N_("Scope"),
    "agency": N_("Compiling agency"),
    "publishers": N_("Publishers of the figures shown"),
    "periodicity": N_("Periodicity"),
    "breaks": N_("Breaks in series"),
    "proxies": N_("Proxy indicators"),
}
NO_BREAK = N_("none flagged in the figures shown")
PROXY_OF_SCOPE = N_("{label} (scope: {scope})")


def indicator_metadata(
    ind: Indicator,
    plan: Plan,
    fmt: Formatter,
    rows: pd.DataFrame | None,
    proxies: list[Indicator],
    names: dict[str, SourceName],
) -> list[tuple[str, str]]:
    """(field name, value) pairs in the report language, in Open SDG's order."""
    lang, _ = fmt.lang, fmt._
    values = {
        "definition": _text(ind.definition or ind.description, lang),
        "formula": _text(ind.formula, lang),
        "unit": ind.counter.get(lang) if ind.counter else unit_label(plan, ind.unit, lang),
        "scope": scope_label(plan, ind.scope, lang),
        "agency": _text(ind.agency, lang),
        "publishers": _publishers(rows, names, fmt),
        "periodicity": _(PERIODICITY[ind.periodicity]) if ind.periodicity else "",
        "breaks": _breaks(rows, fmt),
        "proxies": _("; ").join(_proxy(p, plan, fmt) for p in proxies),
    }
    return [(_(FIELDS[k]), v) for k, v in values.items() if v]


def scope_label(plan: Plan, scope_id: str | None, lang: str) -> str:
    """The plan's name of a scope ('' when none is given)."""
    for scope in plan.scopes:
        if scope.id == scope_id:
            return scope.labels.get(lang)
    return scope_id or ""


def _text(labels: object, lang: str) -> str:
    return labels.get(lang) if labels is not None else ""  # type: ignore[attr-defined]


def _publishers(rows: pd.DataFrame | None, names: dict[str, SourceName], fmt: Formatter) -> str:
    if rows is None or rows.empty:
        return ""
    cited = [names[s] for s in sorted(set(rows["source"].astype(str))) if s in names]
    publishers = dict.fromkeys(strip_brackets(n.publisher) for n in cited if n.publisher)
    return fmt._("; ").join(publishers)


def _breaks(rows: pd.DataFrame | None, fmt: Formatter) -> str:
    if rows is None or rows.empty:
        return ""
    periods = [str(p) for p in rows.loc[rows["status"].astype(str) == "B", "period"]]
    return fmt._(", ").join(periods) if periods else fmt._(NO_BREAK)


def _proxy(proxy: Indicator, plan: Plan, fmt: Formatter) -> str:
    label = proxy.labels.get(fmt.lang)
    scope = scope_label(plan, proxy.scope, fmt.lang)
    return fmt._(PROXY_OF_SCOPE).format(label=label, scope=scope) if scope else label
