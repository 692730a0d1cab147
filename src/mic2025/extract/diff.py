"""Compare two plans: targets added, removed and changed, matched by indicator and year.

Plans are revised (the strategy's last section asks for "dynamic adjustment"), and every
version has to be compared with the one before.  Targets are matched by their indicator
(``metric``) and year; a target that exists in one year in one plan and in another year
in the other, with the same value, is reported as a change of year, not as a removal and
an addition.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from mic2025.plan.model import Plan, Target

FIELDS = ("value", "unit", "comparator", "kind", "base_year", "period_start")


@dataclass(frozen=True)
class Change:
    """One difference between plan A and plan B."""

    change: str  # added, removed, changed
    indicator: str
    year: int
    field: str
    a: str
    b: str
    quote_a: str = ""
    quote_b: str = ""

    def to_row(self) -> dict[str, object]:
        return asdict(self)


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _index(plan: Plan) -> dict[tuple[str, int], Target]:
    index: dict[tuple[str, int], Target] = {}
    for target, _owner in plan.iter_targets():
        index.setdefault((target.metric, target.year), target)
    return index


def _quote(target: Target | None) -> str:
    return target.quote.text if target is not None and target.quote is not None else ""


def _assumed(target: Target, name: str) -> bool:
    """Whether the field is an extraction's assumption (a base year the text did not state)."""
    words = {"base_year": "base year not stated", "period_start": "plan period not stated"}.get(name)
    return bool(words and target.labels is not None and words in target.labels.en)


def _compare(key: tuple[str, int], a: Target, b: Target) -> list[Change]:
    """Field changes of one matched target; two assumptions are no difference of the plans."""
    changes = []
    for name in FIELDS:
        va, vb = getattr(a, name), getattr(b, name)
        if va == vb or (_assumed(a, name) and _assumed(b, name)):
            continue
        shown_a = _show(va) + (" (assumed)" if _assumed(a, name) else "")
        shown_b = _show(vb) + (" (assumed)" if _assumed(b, name) else "")
        changes.append(Change("changed", key[0], key[1], name, shown_a, shown_b, _quote(a), _quote(b)))
    return changes


def _moved_years(only_a: dict, only_b: dict) -> list[Change]:
    """Pairs of unmatched targets of one indicator with the same value: a change of year."""
    changes = []
    for key_a, ta in sorted(only_a.items()):
        for key_b, tb in sorted(only_b.items()):
            if key_a[0] == key_b[0] and ta.value == tb.value and ta.kind == tb.kind:
                changes.append(
                    Change(
                        "changed",
                        key_a[0],
                        key_a[1],
                        "year",
                        str(key_a[1]),
                        str(key_b[1]),
                        _quote(ta),
                        _quote(tb),
                    )
                )
                del only_b[key_b]
                del only_a[key_a]
                break
    return changes


def diff_plans(a: Plan, b: Plan) -> list[Change]:
    """Every difference in targets between plan ``a`` and plan ``b``, sorted by indicator and year."""
    ia, ib = _index(a), _index(b)
    changes: list[Change] = []
    for key in sorted(ia.keys() & ib.keys()):
        changes.extend(_compare(key, ia[key], ib[key]))
    only_a = {k: ia[k] for k in ia.keys() - ib.keys()}
    only_b = {k: ib[k] for k in ib.keys() - ia.keys()}
    changes.extend(_moved_years(only_a, only_b))
    for (metric, year), target in sorted(only_a.items()):
        changes.append(Change("removed", metric, year, "target", _describe(target), "", _quote(target)))
    for (metric, year), target in sorted(only_b.items()):
        changes.append(Change("added", metric, year, "target", "", _describe(target), "", _quote(target)))
    return sorted(changes, key=lambda c: (c.indicator, c.year, c.change, c.field))


def _describe(target: Target) -> str:
    comparator = "" if target.comparator == "=" else target.comparator + " "
    return f"{comparator}{target.value:g} {target.unit} ({target.kind})"
