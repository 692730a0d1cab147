"""Every file mic2025 writes for a spreadsheet goes through here (CSV, Excel, JSON, Parquet).

Figures, notes, entity names and source titles come from outside (uploads, public
sources).  A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula by spreadsheet programs (CSV injection), so CSV and Excel
writers prefix such text with an apostrophe, as OWASP recommends.  A text that is a
plain number ("-18.5") is left alone: spreadsheets read it as the number it is.
A carriage return *inside* a text would end the row for a spreadsheet (Python's CSV
writer does not quote it), letting what follows start a new row with a formula: a
CSV holding such a text has every text field quoted.
JSON and Parquet keep values exactly, because no program executes them.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
WRITERS = ("csv", "json", "parquet", "xlsx")


def neutralise(value: object) -> object:
    """``value`` made safe for a spreadsheet cell (only text that starts a formula changes)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas; numbers and dates untouched."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            out[column] = series.map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def write_frame(frame: pd.DataFrame, fmt: str, out: Path | None = None) -> str | None:
    """Write ``frame`` as ``fmt`` to ``out``; without ``out`` return csv/json text.

    Parameters
    ----------
    frame
        What to write.
    fmt
        One of :data:`WRITERS`.
    out
        Destination file; required for parquet and xlsx.
    """
    if fmt == "csv":
        safe = spreadsheet_safe(frame)
        quoting = csv.QUOTE_NONNUMERIC if _has_carriage_return(safe) else csv.QUOTE_MINIMAL
        text = safe.to_csv(index=False, quoting=quoting)
    elif fmt == "json":
        text = json.dumps(records(frame), ensure_ascii=False, indent=2, default=str) + "\n"
    elif fmt == "parquet":
        _need(out, fmt).parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(_need(out, fmt), index=False)
        return None
    elif fmt == "xlsx":
        spreadsheet_safe(_naive_times(frame)).to_excel(_need(out, fmt), index=False, engine="openpyxl")
        return None
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(WRITERS)}")
    if out is None:
        return text
    out.write_text(text, encoding="utf-8")
    return None


def _has_carriage_return(frame: pd.DataFrame) -> bool:
    import pandas as pd

    if any("\r" in str(c) for c in frame.columns):
        return True
    for column in frame.columns:
        series = frame[column]
        text = pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)
        if (
            text
            and series.map(lambda v: isinstance(v, str) and "\r" in v, na_action="ignore").fillna(False).any()
        ):
            return True
    return False


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None for missing values (JSON has no NaN)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def _need(out: Path | None, fmt: str) -> Path:
    if out is None:
        raise ValueError(f"{fmt} output needs a file")
    return out


def _naive_times(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel cannot hold time zones; store times as UTC without one."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert("UTC").dt.tz_localize(None)
    return out
