"""Check every row of an input against the plan and the store's rules, chunk by chunk.

Each rule is an Ibis condition that is true on offending rows, so a million-row file
is checked in a few vectorised passes instead of a Python loop, and every problem in
a chunk is reported together.  The checks come from the plan, not from lists kept
here: an indicator's unit gives its natural range (a share lies in 0..100, a count is
a whole number >= 0, a level >= 0, a change any sign; :class:`mic2025.plan.Unit`),
its ``upper_bound`` a tighter limit.  Rules run on an in-process DuckDB whatever the
store's engine is: validation never touches the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mic2025.ingest.errors import Problem
from mic2025.ingest.readers import ROW
from mic2025.store.areas import CHINA_AREAS

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

    from mic2025.plan import Plan

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("sector", "entity", "unit", "status", "qualifier", "source", "vintage", "note")
SAMPLING = ("std_error", "ci_low", "ci_high", "n_units")
MULTIPLIER = "_unit_mult"

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

EARLY_STATUSES = ("E", "F", "P")
"""Statuses under which a figure may be published before its period ends: an estimate,
a forecast, or a provisional reading from inside the period ("as of 11 March");
any other figure's vintage must fall after the end of the period it reports."""

QUALIFIERS: dict[str, str] = {
    "": "",
    ">": ">",
    ">=": ">=",
    "<": "<",
    "<=": "<=",
    "~": "~",
    "GT": ">",
    "GE": ">=",
    "LT": "<",
    "LE": "<=",
    "AP": "~",
}
"""Accepted qualifiers (symbols, or SDMX-style codes) and the symbol stored for each."""

PERIOD_PATTERN = r"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
FIRST_YEAR, LAST_YEAR = 1900, 2100
AREA_PATTERN = r"^[A-Z]{3}$"  # ISO 3166-1 alpha-3 for international comparisons
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SECTOR_PATTERN = r"^(_T|[A-T]([0-9]{2,4})?)$"  # all manufacturing or a GB/T 4754 code
IDENTITY_COLUMNS = ["indicator", "area", "sector", "entity", "period", "source", "vintage"]


@dataclass(frozen=True)
class Defaults:
    """Values for columns a file may leave out (given on the command line)."""

    source: str | None = None
    vintage: dt.date | None = None
    status: str = "A"
    sector: str = "_T"


@dataclass(frozen=True)
class Rules:
    """Everything a chunk is checked against, derived once per ingest from the plan."""

    units: dict[str, str]
    uppers: dict[str, float]
    kinds: dict[str, str]
    sectors: frozenset[str]
    sources: frozenset[str]
    defaults: Defaults
    file: str
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def build(cls, plan: Plan, sources: set[str], defaults: Defaults, file: str) -> Rules:
        unit_kind = {u.id: u.kind for u in plan.units}
        return cls(
            units={i.id: i.unit for i in plan.indicators},
            uppers={i.id: float(i.upper_bound) for i in plan.indicators if i.upper_bound is not None},
            kinds={i.id: unit_kind.get(i.unit, "level") for i in plan.indicators},
            sectors=frozenset(s.id for s in plan.sectors),
            sources=frozenset(sources),
            defaults=defaults,
            file=file,
        )


def header_problems(names: list[str], rules: Rules) -> list[Problem]:
    """Missing and unknown columns: reported once, before any row is looked at."""
    have, file, defaults = set(names), rules.file, rules.defaults
    problems = [Problem(file, 1, n, None, "required column is missing") for n in REQUIRED if n not in have]
    if "source" not in have and defaults.source is None:
        problems.append(Problem(file, 1, "source", None, "no source column and no --source given"))
    if "vintage" not in have and defaults.vintage is None:
        problems.append(Problem(file, 1, "vintage", None, "no vintage column and no --vintage given"))
    known = {*REQUIRED, *OPTIONAL, *SAMPLING, ROW, MULTIPLIER}
    expected = "unknown column (expected: " + ", ".join((*REQUIRED, *OPTIONAL, *SAMPLING)) + ")"
    problems += [Problem(file, 1, n, None, expected) for n in names if n not in known]
    return problems


CHUNK_TABLE = "_mic2025_chunk"
"""Name under which each chunk is shown to DuckDB while the compiled check runs on it."""


class ChunkChecker:
    """Validates the chunks of one file in a private in-memory DuckDB.

    The checking query is an Ibis expression over a table named :data:`CHUNK_TABLE`; it
    is compiled once per column layout, because compiling costs about a tenth of a second
    and a large file has many chunks with the same columns.  Use as a context manager.
    """

    def __init__(self, rules: Rules) -> None:
        import duckdb

        self.rules = rules
        self._db = duckdb.connect()
        self._db.execute("SET enable_progress_bar = false")
        self._compiled: dict[pa.Schema, tuple[str, list[Check]]] = {}

    def __enter__(self) -> ChunkChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    def check(self, raw: pa.Table, *, limit: int) -> tuple[pa.Table, list[Problem]]:
        """Typed rows of one chunk ready for the store, and at most ``limit`` problems."""
        sql, checks = self._query(raw)
        self._db.register(CHUNK_TABLE, raw)
        try:
            checked = self._db.sql(sql).to_arrow_table()
        finally:
            self._db.unregister(CHUNK_TABLE)
        problems = _problems_from_bits(checked, raw, checks, self.rules.file, limit)
        return checked.drop_columns(["_bad"]), problems

    def _query(self, raw: pa.Table) -> tuple[str, list[Check]]:
        if raw.schema not in self._compiled:
            self._compiled[raw.schema] = _compile(raw.schema, self.rules)
        return self._compiled[raw.schema]


def _compile(schema: pa.Schema, rules: Rules) -> tuple[str, list[Check]]:
    """The checking query for chunks of this layout, as DuckDB SQL, and its rules in bit order."""
    import ibis

    raw_columns = list(schema.names)
    t = ibis.table(ibis.Schema.from_pyarrow(schema), name=CHUNK_TABLE)
    t = _with_lookups(_fill_defaults(t, rules.defaults), rules)
    checks = _rules(t, rules, raw_columns)
    # One pass: typed columns plus one bit per broken rule, so the happy path carries
    # a single extra integer column out of DuckDB.
    bits = sum(
        (cond.fill_null(False).cast("int64") * (1 << i) for i, (_, cond, _) in enumerate(checks)),
        ibis.literal(0, "int64"),
    )
    expr = _typed(t, raw_columns, {"_bad": bits})
    return str(ibis.to_sql(expr, dialect="duckdb")), checks


def _with_lookups(t: ir.Table, rules: Rules) -> ir.Table:
    """Per-row facts from the plan as CASE expressions (a join would lose row order)."""
    import ibis

    units = rules.units
    t = t.mutate(
        _ind_id=ibis.ifelse(t.indicator.isin(list(units)), t.indicator, ibis.null("string")),
        _ind_unit=t.indicator.substitute(units, else_=ibis.null("string")),
        _ind_kind=t.indicator.substitute(rules.kinds, else_=ibis.null("string")),
        _ind_upper=t.indicator.substitute(rules.uppers, else_=ibis.null("float64"))
        if rules.uppers
        else ibis.null("float64"),
        _qualifier=t.qualifier.upper().substitute(QUALIFIERS, else_=ibis.null("string")),
    )
    year = t.period.substr(0, 4).try_cast("int64")
    return t.mutate(
        unit=ibis.ifelse(t.unit == "", t._ind_unit, t.unit),
        _value=t.value.try_cast("float64"),
        _year=year,
        _period_ok=t.period.re_search(PERIOD_PATTERN),
        _period_end=_period_end_month(t.period, year),
        _vintage=ibis.ifelse(
            t.vintage.re_search(DATE_PATTERN), t.vintage.try_cast("date"), ibis.null("date")
        ),
    )


def _period_end_month(period: ir.StringValue, year: ir.IntegerValue) -> ir.IntegerValue:
    """Months since year 0 at the end of a period (2024 → 2024·12+12, 2024-Q2 → +6).

    Integer arithmetic rather than dates: a vintage falls inside or before its period
    exactly when its own month number is at most this one, and integers are cheap on a
    million rows.
    """
    import ibis

    rest = period.substr(5)
    month = ibis.cases(
        (period.length() == 4, ibis.literal(12, "int64")),
        (rest.startswith("Q"), rest.substr(1).try_cast("int64") * 3),
        else_=rest.try_cast("int64"),
    )
    return year * 12 + month


Check = tuple[str, "ir.BooleanValue", str]


def _rules(t: ir.Table, rules: Rules, raw_columns: list[str]) -> list[Check]:
    """Every rule as (column, condition true on offending rows, reason)."""
    checks = _identity_rules(t, rules) + _value_rules(t) + _provenance_rules(t, rules)
    for name in SAMPLING:
        if name in raw_columns:
            checks.append(
                (name, (t[name] != "") & t[name].try_cast("float64").isnull(), f"{name} is not a number")
            )
    return checks


def _identity_rules(t: ir.Table, rules: Rules) -> list[Check]:
    valid_year = (t._year >= FIRST_YEAR) & (t._year <= LAST_YEAR)
    return [
        ("indicator", t._ind_id.isnull(), "unknown indicator: not in the plan"),
        (
            "area",
            ~(t.area.isin(list(CHINA_AREAS)) | t.area.re_search(AREA_PATTERN)),
            "unknown area: use CN, a province code like CN-GD, or an ISO alpha-3 country",
        ),
        (
            "sector",
            ~(t.sector.isin(sorted(rules.sectors) or [""]) | t.sector.re_search(SECTOR_PATTERN)),
            "unknown sector: use _T, a plan sector id or a GB/T 4754 code like C39",
        ),
        ("period", ~t._period_ok, "period must be ISO 8601: 2020, 2020-Q3 or 2020-07"),
        (
            "period",
            t._period_ok & ~valid_year,
            f"period year must lie between {FIRST_YEAR} and {LAST_YEAR}",
        ),
    ]


def _value_rules(t: ir.Table) -> list[Check]:
    number = t._value.notnull() & ~t._value.isnan() & ~t._value.isinf()
    kind = t._ind_kind
    return [
        ("value", t.value == "", "value is missing: leave the row out instead"),
        ("value", (t.value != "") & ~number, "value is not a number"),
        (
            "value",
            number & (kind == "share") & ((t._value < 0) | (t._value > 100)),
            "a share lies between 0 and 100",
        ),
        ("value", number & (kind == "count") & (t._value < 0), "a count cannot be negative"),
        ("value", number & (kind == "count") & ((t._value % 1.0) != 0), "a count is a whole number"),
        ("value", number & (kind == "level") & (t._value < 0), "this indicator cannot be negative"),
        (
            "value",
            t._ind_upper.notnull() & number & (t._value > t._ind_upper),
            "value exceeds the indicator's natural limit",
        ),
        ("unit", t._ind_id.notnull() & (t.unit != t._ind_unit), "unit does not match the indicator's unit"),
        ("status", ~t.status.isin(list(STATUS_CODES)), f"status must be one of {''.join(STATUS_CODES)}"),
        (
            "qualifier",
            t._qualifier.isnull(),
            "qualifier must be empty or one of > >= < <= ~ (GT GE LT LE AP)",
        ),
    ]


def _provenance_rules(t: ir.Table, rules: Rules) -> list[Check]:
    import ibis

    vintage_month = t._vintage.year().cast("int64") * 12 + t._vintage.month().cast("int64")
    early = t._vintage.notnull() & t._period_ok & (vintage_month <= t._period_end)
    return [
        ("source", t.source == "", "no source: give a source column or --source"),
        (
            "source",
            (t.source != "") & ~t.source.isin(sorted(rules.sources) or [""]),
            "unknown source id: register it first (mic2025 sources add)",
        ),
        ("vintage", t.vintage == "", "no vintage: give a vintage column or --vintage"),
        ("vintage", (t.vintage != "") & t._vintage.isnull(), "vintage must be a date YYYY-MM-DD"),
        (
            "vintage",
            t._vintage.notnull() & (t._vintage > ibis.literal(rules.today, type="date")),
            "vintage is in the future",
        ),
        (
            "vintage",
            early & ~t.status.isin(list(EARLY_STATUSES)),
            "vintage is not after the end of the period it reports; a figure published before "
            "its period ends is provisional (P), an estimate (E) or a forecast (F)",
        ),
    ]


def _problems_from_bits(
    checked: pa.Table, raw: pa.Table, checks: list[Check], file: str, limit: int
) -> list[Problem]:
    """Read the broken rules off the bitmask (at most ``limit``); text from the raw input."""
    import pyarrow.compute as pc

    bad = checked.column("_bad")
    if limit <= 0 or not pc.any(pc.not_equal(bad, 0)).as_py():
        return []
    hits = checked.filter(pc.not_equal(bad, 0)).select([ROW, "_bad"]).slice(0, limit).to_pylist()
    first_row = raw.column(ROW)[0].as_py()
    problems: list[Problem] = []
    for hit in hits:
        index = hit[ROW] - first_row
        for i, (column, _, reason) in enumerate(checks):
            if hit["_bad"] & (1 << i):
                value = raw.column(column)[index].as_py() if column in raw.column_names else None
                problems.append(Problem(file, hit[ROW], column, value, reason))
    return problems[:limit]


def _fill_defaults(t: ir.Table, defaults: Defaults) -> ir.Table:
    """Add absent optional columns, and fill empty cells, from the command-line defaults."""
    import ibis

    fills = {
        "sector": defaults.sector,
        "entity": "",
        "unit": "",
        "status": defaults.status,
        "qualifier": "",
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


def _typed(t: ir.Table, raw_columns: list[str], extra: dict[str, ir.Value]) -> ir.Table:
    import ibis

    value = t._value
    if MULTIPLIER in raw_columns:
        mult = t[MULTIPLIER].try_cast("int64").fill_null(0)
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
        qualifier=ibis.ifelse(t._qualifier.fill_null("") == "", ibis.null("string"), t._qualifier),
        source=t.source,
        vintage=t._vintage,
        note=ibis.ifelse(t.note == "", ibis.null("string"), t.note),
        n_units=n_units,
        **sampling,
        **extra,
    )
