"""Enterprise-year records: the one schema every microdata file must follow, and its validation.

Validation reads the whole file, checks every cell with vectorised (Polars) expressions and
reports *every* problem with file, row, column, value and reason, the way `mic2025 ingest`
does (row 1 is the header, so the first record is row 2).  Nothing is aggregated or written
unless the file is clean, because an indicator computed from a partly broken file would look
exactly like a correct one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from mic2025.ingest.errors import IngestError, Problem
from mic2025.store.areas import PROVINCES

SIZE_CLASSES: dict[str, str] = {
    "L": "large (大型)",
    "M": "medium (中型)",
    "S": "small (小型)",
    "XS": "micro (微型)",
}
"""NBS size classes of industrial enterprises (统计上大中小微型企业划分办法)."""

MANUFACTURING_DIVISIONS: tuple[str, ...] = tuple(f"C{d}" for d in range(13, 44))
"""GB/T 4754-2017 manufacturing divisions C13..C43: the population of every micro indicator."""

INDUSTRY_PATTERN = r"^[A-T][0-9]{2}([0-9]{1,2})?$"
"""A GB/T 4754 code at division (C39), group (C391) or class (C3911) level."""


@dataclass(frozen=True)
class Column:
    """One column of the record: its Polars type, whether it may be empty, and a value check."""

    name: str
    dtype: type[pl.DataType] | pl.DataType
    description: str
    nullable: bool = False
    check: Callable[[pl.Expr], pl.Expr] | None = None  # True where the value is WRONG
    reason: str = ""


def _neg(c: pl.Expr) -> pl.Expr:
    return c < 0


def _not_finite(c: pl.Expr) -> pl.Expr:
    return ~c.is_finite()


COLUMNS: tuple[Column, ...] = (
    Column(
        "enterprise_id",
        pl.Int64,
        "pseudonymous register serial (not the credit code)",
        check=lambda c: c <= 0,
        reason="must be a positive integer",
    ),
    Column(
        "year",
        pl.Int64,
        "reference year",
        check=lambda c: (c < 1990) | (c > 2100),
        reason="must be a year between 1990 and 2100",
    ),
    Column(
        "province",
        pl.String,
        "ISO 3166-2:CN code of the registered location",
        check=lambda c: ~c.is_in(sorted(PROVINCES)),
        reason="must be an ISO 3166-2:CN province code such as CN-GD",
    ),
    Column(
        "industry",
        pl.String,
        "GB/T 4754-2017 code (division, group or class)",
        check=lambda c: ~c.str.contains(INDUSTRY_PATTERN),
        reason="must be a GB/T 4754 code such as C39 or C3911",
    ),
    Column(
        "size_class",
        pl.String,
        "L, M, S or XS (NBS size classification)",
        check=lambda c: ~c.is_in(list(SIZE_CLASSES)),
        reason="must be one of L, M, S, XS",
    ),
    Column("above_designated_size", pl.Boolean, "main business revenue >= 20 million yuan"),
    Column(
        "weight",
        pl.Float64,
        "survey weight (1 for census units)",
        check=lambda c: ~c.is_finite() | (c < 1),
        reason="must be a finite number >= 1",
    ),
    Column(
        "revenue",
        pl.Float64,
        "main business revenue, 10k yuan",
        check=lambda c: _not_finite(c) | _neg(c),
        reason="must be a finite number >= 0",
    ),
    Column(
        "rd_expenditure",
        pl.Float64,
        "internal R&D expenditure, 10k yuan",
        check=lambda c: _not_finite(c) | _neg(c),
        reason="must be a finite number >= 0",
    ),
    Column(
        "invention_patents",
        pl.Int64,
        "valid invention patents held at year end",
        check=_neg,
        reason="must be >= 0",
    ),
    Column("digital_design_tools", pl.Boolean, "uses digital R&D design tools", nullable=True),
    Column(
        "cnc_ratio",
        pl.Float64,
        "CNC ratio of key processes, % (empty if no key process)",
        nullable=True,
        check=lambda c: _not_finite(c) | (c < 0) | (c > 100),
        reason="must be a percentage between 0 and 100",
    ),
    Column("employees", pl.Int64, "average employment", check=_neg, reason="must be >= 0"),
    Column(
        "value_added",
        pl.Float64,
        "industrial value added, 10k yuan",
        nullable=True,
        check=_not_finite,
        reason="must be a finite number",
    ),
    Column(
        "energy_tce",
        pl.Float64,
        "energy consumption, tonnes of coal equivalent",
        nullable=True,
        check=lambda c: _not_finite(c) | _neg(c),
        reason="must be a finite number >= 0",
    ),
    Column(
        "water_m3",
        pl.Float64,
        "water use, cubic metres",
        nullable=True,
        check=lambda c: _not_finite(c) | _neg(c),
        reason="must be a finite number >= 0",
    ),
    Column(
        "solid_waste_generated_t",
        pl.Float64,
        "industrial solid waste generated, tonnes",
        nullable=True,
        check=lambda c: _not_finite(c) | _neg(c),
        reason="must be a finite number >= 0",
    ),
    Column(
        "solid_waste_used_t",
        pl.Float64,
        "industrial solid waste comprehensively used, t",
        nullable=True,
        check=lambda c: _not_finite(c) | _neg(c),
        reason="must be a finite number >= 0",
    ),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
POLARS_SCHEMA: dict[str, pl.DataType] = {
    c.name: (c.dtype() if isinstance(c.dtype, type) else c.dtype) for c in COLUMNS
}

_TRUE = ["true", "t", "1", "yes", "y"]
_FALSE = ["false", "f", "0", "no", "n"]
_MAX_PROBLEMS_PER_RULE = 100_000  # a 5M-row file of garbage must not exhaust memory


RECORD_FORMATS: tuple[str, ...] = ("csv", "parquet")
"""Input formats of the ingest reader registry that microdata reads (typed, with polars)."""


def record_format(path: str | Path) -> str | None:
    """``csv`` or ``parquet`` when a registered reader of that format claims the file's name."""
    from mic2025.ingest.readers import READERS

    suffix = Path(path).suffix.lower()
    for reader in READERS:
        if reader.name in RECORD_FORMATS and suffix in reader.suffixes:
            return reader.name
    return None


class MicrodataError(IngestError):
    """A microdata file was rejected; ``problems`` lists every problem, nothing was written."""


def read_records(path: str | Path) -> pl.DataFrame:
    """Read a Parquet or CSV file of enterprise-year records and validate it.

    Returns the typed records; raises :class:`MicrodataError` listing every problem.
    """
    path = Path(path)
    if not path.exists():
        raise MicrodataError(path, [Problem(str(path), None, None, None, "file not found")])
    fmt = record_format(path)
    try:
        if fmt == "parquet":
            raw = pl.read_parquet(path)
        elif fmt == "csv":
            # everything as text first, so a bad cell is reported rather than aborting the read
            raw = pl.read_csv(path, infer_schema=False)
        else:
            reason = f"unsupported format: use {' or '.join(RECORD_FORMATS)}"
            raise MicrodataError(path, [Problem(str(path), None, None, None, reason)])
    except (pl.exceptions.PolarsError, OSError) as exc:
        reason = f"not a readable {fmt} file: {str(exc).splitlines()[0][:200]}"
        raise MicrodataError(path, [Problem(str(path), None, None, None, reason)]) from exc
    return validate_records(raw, str(path))


def validate_records(raw: pl.DataFrame, file: str = "<frame>") -> pl.DataFrame:
    """Type and check every cell of ``raw``; return typed records or raise with all problems.

    Every rule is evaluated on every row before anything is reported, so one run lists
    all problems (up to a cap per rule) rather than stopping at the first.
    """
    _check_columns(raw, file)
    cast = raw.with_row_index("__row", offset=2).select(
        "__row",
        *[_typed(raw, c.name).alias(c.name) for c in COLUMNS],
        *[pl.col(c.name).cast(pl.String).alias(f"__raw_{c.name}") for c in COLUMNS],
    )
    rules = _record_rules()
    flags = cast.select(
        "__row", *[expr.fill_null(False).alias(f"__r{i}") for i, (_, expr, _) in enumerate(rules)]
    )
    any_bad = flags.select(pl.any_horizontal(pl.exclude("__row"))).to_series()
    if any_bad.any():
        raise MicrodataError(file, _problems(file, cast.filter(any_bad), flags.filter(any_bad), rules))
    return cast.select(*COLUMN_NAMES)


def _check_columns(raw: pl.DataFrame, file: str) -> None:
    """Refuse a frame with a missing or unknown column before reading any cell."""
    problems = [
        Problem(file, 1, c.name, None, "required column is missing")
        for c in COLUMNS
        if c.name not in raw.columns
    ]
    problems += [Problem(file, 1, c, None, "unknown column") for c in raw.columns if c not in COLUMN_NAMES]
    if problems:
        raise MicrodataError(file, problems)


def _typed(raw: pl.DataFrame, name: str) -> pl.Expr:
    """Expression casting column ``name`` to its record type; bad cells become null."""
    src = pl.col(name)
    target = POLARS_SCHEMA[name]
    if raw.schema[name] == target:
        return src
    if target == pl.Boolean and raw.schema[name] == pl.String:
        low = src.str.strip_chars().str.to_lowercase()
        return pl.when(low.is_in(_TRUE)).then(True).when(low.is_in(_FALSE)).then(False).otherwise(None)
    if raw.schema[name] == pl.String:
        return src.str.strip_chars().replace("", None).cast(target, strict=False)
    return src.cast(target, strict=False)


def _record_rules() -> list[tuple[str, pl.Expr, str]]:
    """(column, expression true on a bad row, reason) for every check on the typed frame."""
    rules: list[tuple[str, pl.Expr, str]] = []
    for col in COLUMNS:
        value = pl.col(col.name)
        raw_text = pl.col(f"__raw_{col.name}")
        raw_empty = raw_text.is_null() | (raw_text.str.strip_chars() == "")
        rules.append((col.name, value.is_null() & ~raw_empty, f"not a valid {POLARS_SCHEMA[col.name]} value"))
        if not col.nullable:
            rules.append((col.name, raw_empty, "value is required"))
        if col.check is not None:
            rules.append((col.name, value.is_not_null() & col.check(value), col.reason))
    duplicated = (
        pl.struct("enterprise_id", "year").is_duplicated()
        & pl.col("enterprise_id").is_not_null()
        & pl.col("year").is_not_null()
    )
    rules.append(
        (
            "enterprise_id",
            duplicated,
            "duplicate record: the same enterprise_id and year appear more than once",
        )
    )
    return rules


def _problems(
    file: str, bad: pl.DataFrame, bad_flags: pl.DataFrame, rules: list[tuple[str, pl.Expr, str]]
) -> list[Problem]:
    """One problem per broken rule and row (at most ``_MAX_PROBLEMS_PER_RULE`` per rule)."""
    problems: list[Problem] = []
    for i, (name, _, reason) in enumerate(rules):
        hit = bad.filter(bad_flags[f"__r{i}"]).head(_MAX_PROBLEMS_PER_RULE)
        problems.extend(
            Problem(file, int(row), name, None if value is None else str(value), reason)
            for row, value in zip(hit["__row"], hit[f"__raw_{name}"], strict=True)
        )
    return problems


def check_table_schema(columns: dict[str, str], where: str) -> None:
    """Check that a backend table has every record column (for ``aggregate TABLE`` input).

    Tables inside a database are assumed to have been loaded through :func:`read_records`;
    only their shape is checked here so a wrong table fails fast and clearly.
    """
    missing = [c for c in COLUMN_NAMES if c not in columns]
    if missing:
        raise MicrodataError(
            where, [Problem(where, None, name, None, "required column is missing") for name in missing]
        )
