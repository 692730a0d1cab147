"""Write extracted targets as a draft plan that ``mic2025 plan check`` accepts.

Linked candidates take their indicator from the reference plan (labels in five
languages, unit, direction, category); the others get an indicator of their own with a
slug id, the document's phrase as label and ``draft = true``.  Every target keeps its
quote and offsets; a target whose reading rests on an assumption (a base year the text
does not state, a year taken from a list heading) is a draft and says why in its label.
The plan is validated with the project's own model before it is written, so a draft that
this module writes always loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from mic2025.extract.candidate import Candidate
from mic2025.plan.model import Indicator, Plan

_UNIT_LABELS: dict[str, tuple[str, str]] = {
    "pct": ("%", "share"),
    "count": ("number", "count"),
    "value": ("value (unit to be reviewed)", "level"),
    "pct_change_yoy": ("% change on previous year", "change"),
}
_SCALES = {
    "k": "thousand",
    "10k": "10 thousand",
    "lakh": "lakh",
    "mn": "million",
    "crore": "crore",
    "100m": "100 million",
    "bn": "billion",
    "trn": "trillion",
}
_COPIED = ("labels", "category", "unit", "direction", "key", "formula", "definition", "upper_bound", "ref")


def slug(candidate: Candidate) -> str:
    """A stable id for an unlinked indicator: English words, else a hash of the phrase."""
    words = re.findall(r"[a-z][a-z0-9]*", candidate.phrase.lower())
    if candidate.lang == "en" and words:
        return "x_" + "_".join(words[:6])
    return "x_" + hashlib.sha1(candidate.phrase.encode("utf-8")).hexdigest()[:10]


def _own_unit(c: Candidate) -> str:
    if c.kind == "average_annual_growth":
        return "pct_change_yoy"
    if c.kind == "change_from_base":
        return "value"
    if c.kind == "pp_change" or c.unit == "pct_points":
        return "pct"
    return c.unit


def _unit_entry(unit_id: str, reference: Plan | None) -> dict[str, Any]:
    if reference is not None:
        for unit in reference.units:
            if unit.id == unit_id:
                return unit.model_dump(mode="json", by_alias=True, exclude_none=True)
    if unit_id in _UNIT_LABELS:
        label, kind = _UNIT_LABELS[unit_id]
    else:
        scale, _, currency = unit_id.rpartition("_")
        label, kind = " ".join(filter(None, [_SCALES.get(scale, ""), currency.upper()])), "level"
    return {"id": unit_id, "labels": {"en": label}, "kind": kind}


def _indicator_entry(c: Candidate, ind_id: str, reference_ind: Indicator | None, line: int) -> dict[str, Any]:
    if reference_ind is not None:
        data = reference_ind.model_dump(mode="json", by_alias=True, exclude_none=True, include=set(_COPIED))
        data["id"] = ind_id
        return data
    labels = {"en": c.phrase or ind_id}
    if c.lang != "en":
        labels[c.lang] = c.phrase or ind_id
    return {
        "id": ind_id,
        "labels": labels,
        "ref": {"section": f"line {line}"},
        "category": "context",
        "unit": _own_unit(c),
        "direction": "lower" if c.value < 0 else "higher",
        "draft": True,
    }


def _target_entry(c: Candidate, ids: tuple[str, str], unit: str, document: str, line: int) -> dict[str, Any]:
    target_id, metric = ids
    data: dict[str, Any] = {
        "id": target_id,
        "metric": metric,
        "kind": c.kind,
        "value": c.value,
        "unit": unit,
        "year": c.year,
        "comparator": c.comparator,
        "ref": {"section": f"line {line}"},
        "quote": {"text": c.quote, "start": c.start, "end": c.end, "document": document},
    }
    if c.base_year is not None and c.kind in ("change_from_base", "pp_change"):
        data["base_year"] = c.base_year
    if c.period_start is not None and c.kind == "average_annual_growth":
        data["period_start"] = c.period_start
    notes = list(c.notes)
    if c.baseline_value is not None and c.baseline_year is None:
        notes.append(f"baseline {c.baseline_value:g} stated without a year")
    if c.indicator is None or notes:
        data["draft"] = True
    if notes:
        data["labels"] = {"en": "; ".join(notes)}
    return data


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("metric", "kind", "value", "year", "comparator")
    return all(a.get(k) == b.get(k) for k in keys)


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _add_baselines(entry: dict[str, Any], c: Candidate) -> None:
    found = dict(c.baselines)
    if c.baseline_value is not None and c.baseline_year is not None:
        found.setdefault(c.baseline_year, c.baseline_value)
    if found:
        entry.setdefault("baselines", {}).update({str(y): v for y, v in found.items()})


def build_plan(
    candidates: list[Candidate],
    *,
    source: str,
    document: str,
    reference: Plan | None,
    issued: dt.date | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """A plan document (the TOML's content) holding the candidates as targets.

    Parameters
    ----------
    candidates:
        Linked or unlinked candidates, in document order.
    source:
        The document's text (for line numbers in ``ref.section``).
    document:
        How the document is named in every quote (its path or address).
    reference:
        The plan the candidates were linked to, whose indicator and unit definitions are
        copied; None when linking was switched off.
    issued, title:
        The document's date and title; unknown values are marked for review.
    """
    indicators: dict[str, dict[str, Any]] = {}
    targets: dict[str, list[dict[str, Any]]] = {}
    by_id = {ind.id: ind for ind in reference.indicators} if reference is not None else {}
    for c in candidates:
        line = _line_of(source, c.start)
        ind_id = c.indicator or slug(c)
        entry = indicators.setdefault(ind_id, _indicator_entry(c, ind_id, by_id.get(c.indicator or ""), line))
        _add_baselines(entry, c)
        ids = (_target_id(ind_id, c.year, targets), ind_id)
        target = _target_entry(c, ids, entry["unit"], document, line)
        if any(_same(target, t) for t in targets.get(ind_id, [])):
            continue  # the same target stated twice (a summary, a second copy of the text)
        targets.setdefault(ind_id, []).append(target)
    for ind_id, entry in indicators.items():
        entry["targets"] = targets.get(ind_id, [])
    units = sorted({e["unit"] for e in indicators.values()})
    name = title or Path(document).stem
    return {
        "id": re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "draft",
        "title": {"en": name},
        "issuer": {"en": "to be reviewed"},
        "issued": issued or dt.date(1970, 1, 1),
        "document": {"en": document},
        "steps": [],
        "units": [_unit_entry(u, reference) for u in units],
        "indicators": list(indicators.values()),
    }


def _target_id(ind_id: str, year: int, taken: dict[str, list[dict[str, Any]]]) -> str:
    base = f"{ind_id}_{year}"
    used = {t["id"] for ts in taken.values() for t in ts}
    if base not in used:
        return base
    n = 2
    while f"{base}_{n}" in used:
        n += 1
    return f"{base}_{n}"


def to_toml(plan_data: dict[str, Any], *, header: str = "") -> str:
    """The plan as TOML text, validated first; ``header`` lines become a leading comment."""
    import tomli_w

    Plan.model_validate(plan_data)  # a draft that cannot load is a bug here, not the user's
    clean = _drop_none(plan_data)
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + ("\n" if comment else "") + tomli_w.dumps(clean)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value
