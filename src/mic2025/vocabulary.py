"""Words every publication layer shares, marked for the Babel catalogues once.

Plan elements are named by their own ``Labels``; statuses by ``evaluate.status.TABLE``;
methods by their own modules (``LABEL``, ``SHORT_LABEL``, ``DESCRIPTION``).  These are
the other words around them: categories, roll-up dimensions, observation statuses,
source grades, momentum, the bases a rate can be measured on, and the fixed fragments
of the engine's notes.  Look them up, then translate where shown:
``translator(lang)(CATEGORY_NAMES["green"])``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mic2025.plan import Plan


def N_(msgid: str) -> str:
    """Mark a msgid for extraction; it is translated where it is shown."""
    return msgid


CATEGORY_NAMES: dict[str, str] = {
    "innovation": N_("Innovation capability"),
    "quality_efficiency": N_("Quality and efficiency"),
    "informatisation": N_("Integration of IT and industry"),
    "green": N_("Green development"),
    "project": N_("Major project metric"),
    "context": N_("Context"),
}
DIMENSION_NAMES: dict[str, str] = {
    "category": N_("category"),
    "project": N_("major project"),
    "task": N_("strategic task"),
    "sector": N_("sector"),
}
OBS_STATUS: dict[str, str] = {
    "A": N_("actual"),
    "B": N_("break in series"),
    "D": N_("definition differs"),
    "E": N_("estimate"),
    "F": N_("forecast"),
    "G": N_("experimental"),
    "I": N_("imputed"),
    "P": N_("provisional"),
    "U": N_("low reliability"),
    "V": N_("unvalidated"),
}
GRADE_NAMES: dict[str, str] = {
    "official_primary": N_("official publication"),
    "official_reprint": N_("official text, reprinted"),
    "secondary": N_("secondary report"),
    "weak": N_("weak provenance"),
    "": N_("not graded"),
}
GAP_REASONS: dict[str, str] = {
    "not_published": N_("not published for any year after the baseline"),
    "other_scope_only": N_("published only for another scope (shown as a proxy, not judged)"),
    "changes_only": N_("only changes are published, not the level the target is set on"),
    "no_later_release": N_("no release after the last figure shown"),
}
"""Why a figure is missing, as ``data/gaps.csv`` states it (column ``reason``)."""
MOMENTUM_WORDS: dict[str, str] = {
    "improving": N_("improving"),
    "flat": N_("flat"),
    "worsening": N_("worsening"),
    "": N_("no recent trend"),
}
BASIS: dict[str, str] = {
    "cagr": N_("compound annual growth, % a year"),
    "cagr_distance_to_limit": N_("compound annual change of the distance to the limit, % a year"),
    "linear": N_("absolute change a year, in the indicator's unit"),
    "mean_growth": N_("mean yearly growth, %"),
    "linear_trend": N_("trend slope a year, in the indicator's unit"),
    "trend_mean_growth": N_("trend of the yearly growth rate"),
    "distance_over_time": N_("share of the distance over share of the time"),
}
DECIDED_BY: dict[str, str] = {
    "deadline figure": N_("the figure for the target year"),
    "latest value vs target": N_("the latest figure against the target"),
    "data check": N_("not enough data to judge"),
    "": "",
}
NOTE_FRAGMENTS: tuple[str, ...] = (
    N_("proxy in another unit than its parent: context only, not judged"),
    N_("proxy of another scope than its parent: context only, not judged"),
    N_("proxy indicator"),
    N_("target unit differs from indicator unit"),
    N_("no observations"),
    N_("relative change from a baseline of zero or below is undefined"),
    N_("baseline moved to break year, target re-expressed"),
    N_("approximate target"),
    N_("includes linked estimates"),
    N_("no baseline value for the base year"),
    N_("no observation after the base year"),
    N_("no growth observation in the plan period"),
    N_("growth rate undefined (zero/negative value or target at limit): linear absolute-change ratio"),
    N_("natural limit: growth measured on distance to upper bound"),
    N_("target already met at base year"),
    N_("plan period not complete: mean growth so far"),
    N_("growth rate undefined (zero/negative value): linear projection"),
    N_("projection kept inside the natural range"),
    N_("plan period not complete: current mean growth projected"),
    N_("trend needs at least 3 annual values"),
    N_("weak evidence: trend through fewer than 5 values, not deciding"),
    N_("target level unknown (no baseline)"),
    N_("no baseline: gap measured from first year of the window"),
    N_("target already met at reference year"),
    N_("the figure for the target year is not published yet: method statuses are estimates"),
    N_("the figure for the target year is a bound that does not settle the target"),
    N_("the deciding figure is approximate"),
    N_("provisional: the deciding figure covers part of the year"),
    N_("the deciding figure is a linked estimate"),
)
"""Fixed fragments of the engine's notes; each is translated on its own, and a fragment
a catalogue lacks stays in English without hiding the rest.  Fragments with counts
("ignored 2 observation(s) in another unit") have their number replaced before look-up
(see ``present.formatter.Formatter.notes``)."""
COUNTED_FRAGMENTS: dict[str, str] = {
    "ignored {n} observation(s) in another unit": N_("ignored {n} observation(s) in another unit"),
    "{n} figure(s) that are bounds not used for rates": N_(
        "{n} figure(s) that are bounds not used for rates"
    ),
    "break in series in {n}: earlier values not used": N_("break in series in {n}: earlier values not used"),
}


def group_label(plan: Plan, dimension: str, group: str, lang: str, _: Callable[[str], str]) -> str:
    """The name of a roll-up group: a plan element's label, or a translated category."""
    if not group:
        return ""
    if dimension == "category":
        return _(CATEGORY_NAMES.get(group, group))
    elements = {"project": plan.projects, "task": plan.tasks, "sector": plan.sectors}.get(dimension, [])
    for element in elements:
        if element.id == group:
            return element.labels.get(lang)
    return group
