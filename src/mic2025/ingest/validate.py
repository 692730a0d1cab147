"""Check every row of an input against the plan and the store's rules, all at once.

Each rule is an Ibis filter that returns the offending rows, so a million-row file is
checked in a few vectorised passes instead of a Python loop, and every problem in the
file is reported together (not just the first).  Rules run on an in-process DuckDB
whatever the store's engine is: validation must not touch the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from mic2025.ingest.errors import Problem
from mic2025.ingest.readers import ROW
from mic2025.plan import Plan
from mic2025.store.areas import CHINA_AREAS

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("sector", "entity", "unit", "status", "source", "vintage", "note")
SAMPLING = ("std_error", "ci_low", "ci_high", "n_units")

STATUS_CODES = {
    "A": "normal",
    "B": "break in series",
    "D": "definition differs",
    "E": "estimated",
    "F": "forecast",
    "G": "experimental",
    "I": "imputed",
    "P": "provisional",
    "U": "low reliability",
    "V": "unvalidated",
}
"""SDMX OBS_STATUS codes a stored figure may carry; codes for missing values are refused
because a missing figure is simply not stored."""

PERIOD_PATTERN = r"^[12][0-9]{3}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
AREA_PATTERN = r"^[A-Z]{3}$"  # ISO 3166-1 alpha-3 for international comparisons
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SECTOR_PATTERN = r"^(_T|[A-T]([0-9]{2,4})?)$"  # all manufacturing or a GB/T 4754 code


@dataclass(frozen=True)
class Defaults:
    """Values for columns a file may leave out (given on the command line)."""

    source: str | None = None
    vintage: dt.date | None = None
    status: str = "A"
    sector: str = "_T"


def validate(
    raw: pa.Table, plan: Plan, known_sources: set[str], defaults: Defaults, file: str
) -> tuple[pa.Table, list[Problem]]:
    """Typed rows ready for the store, and the problems that forbid storing them."""
    problems = _missing_columns(raw, defaults, file)
    if problems:
        return raw.slice(0, 0), problems

    con = ibis.duckdb.connect()
    t = ibis.memtable(raw)
    t = _fill_defaults(t, defaults)
    indicators = ibis.memtable(
        {
            "_ind_id": [i.id for i in plan.indicators],
            "_ind_unit": [i.unit for i in plan.indicators],
            "_ind_upper": [i.upper_bound for i in plan.indicators],
        },
        schema={"_ind_id": "string", "_ind_unit": "string", "_ind_upper": "float64"},
    )
    t = t.left_join(indicators, t.indicator == indicators._ind_id)
    t = t.mutate(
        unit=ibis.ifelse(t.unit == "", t._ind_unit, t.unit),
        _value=t.value.strip().try_cast("float64"),
        _vintage=ibis.ifelse(
            t.vintage.re_search(DATE_PATTERN), t.vintage.try_cast("date"), ibis.null("date")
        ),
    )
    sectors = {s.id for s in plan.sectors}
    today = dt.date.today()

    rules: list[tuple[str, ir.BooleanValue, str]] = [
        ("indicator", t._ind_id.isnull(), "unknown indicator: not in the plan"),
        (
            "area",
            ~(t.area.isin(list(CHINA_AREAS)) | t.area.re_search(AREA_PATTERN)),
            "unknown area: use CN, a province code like CN-GD, or an ISO alpha-3 country",
        ),
        (
            "sector",
            ~(t.sector.isin(sorted(sectors)) | t.sector.re_search(SECTOR_PATTERN)),
            "unknown sector: use _T, a plan sector id or a GB/T 4754 code like C39",
        ),
        ("period", ~t.period.re_search(PERIOD_PATTERN), "period must be ISO 8601: 2020, 2020-Q3 or 2020-07"),
        ("value", t.value.strip() == "", "value is missing: leave the row out instead"),
        (
            "value",
            (t.value.strip() != "") & (t._value.isnull() | t._value.isnan() | t._value.isinf()),
            "value is not a number",
        ),
        (
            "value",
            t._ind_upper.notnull() & t._value.notnull() & ~t._value.isinf() & (t._value > t._ind_upper),
            "value exceeds the indicator's natural limit",
        ),
        (
            "unit",
            t._ind_id.notnull() & (t.unit != t._ind_unit),
            "unit does not match the indicator's unit",
        ),
        ("status", ~t.status.isin(list(STATUS_CODES)), f"status must be one of {''.join(STATUS_CODES)}"),
        ("source", t.source == "", "no source: give a source column or --source"),
        (
            "source",
            (t.source != "") & ~t.source.isin(sorted(known_sources) or [""]),
            "unknown source id: register it first (mic2025 sources add)",
        ),
        ("vintage", t.vintage == "", "no vintage: give a vintage column or --vintage"),
        (
            "vintage",
            (t.vintage != "") & t._vintage.isnull(),
            "vintage must be a date YYYY-MM-DD",
        ),
        (
            "vintage",
            t._vintage.notnull() & (t._vintage > ibis.literal(today, type="date")),
            "vintage is in the future",
        ),
    ]
    for name in SAMPLING:
        if name in raw.column_names:
            rules.append(
                (
                    name,
                    (t[name].strip() != "") & t[name].strip().try_cast("float64").isnull(),
                    f"{name} is not a number",
                )
            )

    found = [
        t.filter(cond).select(
            row=t[ROW],
            column=ibis.literal(column),
            value=t[column].cast("string"),
            reason=ibis.literal(reason),
        )
        for column, cond, reason in rules
    ]
    found.append(_conflicting_duplicates(t))
    report = con.to_pyarrow(ibis.union(*found).order_by(["row", "column"])).to_pylist()
    problems = [Problem(file, r["row"], r["column"], r["value"], r["reason"]) for r in report]
    if problems:
        return raw.slice(0, 0), problems
    return con.to_pyarrow(_typed(t, raw.column_names)), []


def _missing_columns(raw: pa.Table, defaults: Defaults, file: str) -> list[Problem]:
    have = set(raw.column_names)
    problems = [
        Problem(file, 1, name, None, "required column is missing") for name in REQUIRED if name not in have
    ]
    if "source" not in have and defaults.source is None:
        problems.append(Problem(file, 1, "source", None, "no source column and no --source given"))
    if "vintage" not in have and defaults.vintage is None:
        problems.append(Problem(file, 1, "vintage", None, "no vintage column and no --vintage given"))
    known = set(REQUIRED) | set(OPTIONAL) | set(SAMPLING) | {ROW, "_unit_mult"}
    problems += [
        Problem(file, 1, name, None, "unknown column (expected: " + ", ".join((*REQUIRED, *OPTIONAL)) + ")")
        for name in raw.column_names
        if name not in known
    ]
    return problems


def _fill_defaults(t: ir.Table, defaults: Defaults) -> ir.Table:
    """Add absent optional columns, and fill empty cells, from the command-line defaults."""
    fills = {
        "sector": defaults.sector,
        "entity": "",
        "unit": "",
        "status": defaults.status,
        "source": defaults.source or "",
        "vintage": defaults.vintage.isoformat() if defaults.vintage else "",
        "note": "",
    }
    columns = {}
    for name, fill in fills.items():
        if name in t.columns:
            stripped = t[name].strip()
            columns[name] = ibis.ifelse(stripped == "", ibis.literal(fill), stripped)
        else:
            columns[name] = ibis.literal(fill)
    for name in ("indicator", "area", "period"):
        columns[name] = t[name].strip()
    return t.mutate(**columns)


def _conflicting_duplicates(t: ir.Table) -> ir.Table:
    """Rows naming the same figure (same identity) with different values in one file."""
    key = ["indicator", "area", "sector", "entity", "period", "source", "vintage"]
    counts = t.group_by(key).aggregate(_n=t._value.nunique())
    clash = counts.filter(counts._n > 1)
    hits = t.semi_join(clash, key)
    return hits.select(
        row=hits[ROW],
        column=ibis.literal("value"),
        value=hits.value.cast("string"),
        reason=ibis.literal("the same figure appears with different values in this file"),
    )


def _typed(t: ir.Table, raw_columns: list[str]) -> ir.Table:
    value = t._value
    if "_unit_mult" in raw_columns:
        mult = t._unit_mult.strip().try_cast("int64").fill_null(0)
        value = value * (ibis.literal(10.0) ** mult.cast("float64"))
    sampling = {
        name: (t[name].strip().try_cast("float64") if name in raw_columns else ibis.null("float64"))
        for name in ("std_error", "ci_low", "ci_high")
    }
    n_units = (
        t.n_units.strip().try_cast("float64").cast("int64")
        if "n_units" in raw_columns
        else ibis.null("int64")
    )
    return t.select(
        ROW,
        "indicator",
        "area",
        "sector",
        "entity",
        "period",
        value=value,
        unit=t.unit,
        status=t.status,
        source=t.source,
        vintage=t._vintage,
        note=ibis.ifelse(t.note == "", ibis.null("string"), t.note),
        n_units=n_units,
        **sampling,
    ).order_by(ROW)
