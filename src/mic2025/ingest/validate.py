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
import pyarrow.compute as pc

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
    con.raw_sql("SET enable_progress_bar = false")
    t = ibis.memtable(raw)
    t = _fill_defaults(t, defaults)
    # indicator look-ups as CASE expressions rather than a join: a join would cost a
    # hash table and lose the input order, which the row numbers rely on
    units = {i.id: i.unit for i in plan.indicators}
    uppers = {i.id: i.upper_bound for i in plan.indicators if i.upper_bound is not None}
    t = t.mutate(
        _ind_id=ibis.ifelse(t.indicator.isin(list(units)), t.indicator, ibis.null("string")),
        _ind_unit=t.indicator.substitute(units, else_=ibis.null("string")),
        _ind_upper=t.indicator.substitute(uppers, else_=ibis.null("float64"))
        if uppers
        else ibis.null("float64"),
    )
    t = t.mutate(
        unit=ibis.ifelse(t.unit == "", t._ind_unit, t.unit),
        _value=t.value.try_cast("float64"),
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
        ("value", t.value == "", "value is missing: leave the row out instead"),
        (
            "value",
            (t.value != "") & (t._value.isnull() | t._value.isnan() | t._value.isinf()),
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
                    (t[name] != "") & t[name].try_cast("float64").isnull(),
                    f"{name} is not a number",
                )
            )

    # One pass over the data: typed columns plus one bit per broken rule, so the happy
    # path carries a single extra integer column out of DuckDB.
    bits = sum(
        (cond.fill_null(False).cast("int64") * (1 << i) for i, (_, cond, _) in enumerate(rules)),
        ibis.literal(0, "int64"),
    )
    key = (
        ibis.literal("")
        .concat(*[t[c].cast("string").fill_null("") + "\x1f" for c in IDENTITY_COLUMNS])
        .hash()
    )
    checked = con.to_pyarrow(_typed(t, raw.column_names, {"_bad": bits, "_key": key}))
    problems = _problems_from_bits(checked, raw, rules, file)
    typed = checked.drop_columns(["_bad"])
    typed, duplicate_problems = _duplicates(con, typed, file)
    problems += duplicate_problems
    if problems:
        problems.sort(key=lambda p: (p.row, p.column))
        return raw.slice(0, 0), problems
    return typed, []


def _problems_from_bits(
    checked: pa.Table, raw: pa.Table, rules: list[tuple[str, ir.BooleanValue, str]], file: str
) -> list[Problem]:
    """Read the broken rules off the bitmask; cell text comes from the raw input."""
    bad = checked.column("_bad")
    if not pc.any(pc.not_equal(bad, 0)).as_py():
        return []
    hits = checked.filter(pc.not_equal(bad, 0)).select([ROW, "_bad"]).to_pylist()
    problems = []
    for hit in hits:
        index = hit[ROW] - 2  # _row counts the header as row 1
        for i, (column, _, reason) in enumerate(rules):
            if hit["_bad"] & (1 << i):
                value = raw.column(column)[index].as_py() if column in raw.column_names else None
                problems.append(Problem(file, hit[ROW], column, value, reason))
    return problems


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
            columns[name] = ibis.ifelse(t[name] == "", ibis.literal(fill), t[name])
        else:
            columns[name] = ibis.literal(fill)
    return t.mutate(**columns)


IDENTITY_COLUMNS = ["indicator", "area", "sector", "entity", "period", "source", "vintage"]


def _duplicates(con: ibis.BaseBackend, typed: pa.Table, file: str) -> tuple[pa.Table, list[Problem]]:
    """The same figure twice: with different values it is an error, with equal values it
    counts once (first occurrence kept)."""
    t = ibis.memtable(typed)
    groups = t.group_by(IDENTITY_COLUMNS).aggregate(_n=t.count(), _lo=t.value.min(), _hi=t.value.max())
    repeated = con.to_pyarrow(groups.filter(groups._n > 1))
    if repeated.num_rows == 0:
        return typed, []
    clashing = ibis.memtable(repeated.filter(pc.not_equal(repeated["_lo"], repeated["_hi"])))
    hits = con.to_pyarrow(t.semi_join(clashing, IDENTITY_COLUMNS).select(ROW, "value"))
    problems = [
        Problem(file, row, "value", repr(value), "the same figure appears with different values in this file")
        for row, value in zip(hits[ROW].to_pylist(), hits["value"].to_pylist(), strict=True)
    ]
    first = ibis.row_number().over(group_by=IDENTITY_COLUMNS, order_by=t[ROW])
    unique = t.mutate(_k=first).filter(lambda r: r._k == 0).drop("_k").order_by(ROW)
    return con.to_pyarrow(unique), problems


def _typed(t: ir.Table, raw_columns: list[str], extra: dict[str, ir.Value]) -> ir.Table:
    value = t._value
    if "_unit_mult" in raw_columns:
        mult = t._unit_mult.try_cast("int64").fill_null(0)
        value = value * (ibis.literal(10.0) ** mult.cast("float64"))
    sampling = {
        name: (t[name].try_cast("float64") if name in raw_columns else ibis.null("float64"))
        for name in ("std_error", "ci_low", "ci_high")
    }
    n_units = t.n_units.try_cast("float64").cast("int64") if "n_units" in raw_columns else ibis.null("int64")
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
        **extra,
    )
