"""Rules every bundled data file keeps (data/SOURCES.md): shared by the tests of data/."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QUALIFIERS = {"", ">", ">=", "<", "<=", "~"}
GRADES = {"official_primary", "official_reprint", "secondary", "weak"}
OBSERVATION_FILES = ("national/observations.csv", "national/plan_baselines.csv", "provinces/observations.csv")
SOURCE_FILES = ("national/sources.csv", "provinces/sources.csv")


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def period_end(period: str) -> dt.date:
    """Last day of an ISO period: a year, a quarter (2017-Q2) or a month (2018-01)."""
    year = int(period[:4])
    if "-Q" in period:
        month = 3 * int(period[-1])
    elif len(period) == 7:
        month = int(period[5:])
    else:
        month = 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def scope_problems(rows: list[dict[str, str]], scope_of: dict[str, str | None]) -> list[str]:
    """Rows whose stated scope is not their indicator's scope (the scope rule)."""
    return [
        f"{r['indicator']} {r['area']} {r['period']}: row scope {r['scope']!r}, "
        f"indicator scope {scope_of.get(r['indicator'])!r}"
        for r in rows
        if not r.get("scope") or r["scope"] != scope_of.get(r["indicator"])
    ]
