"""How a source is named for a reader: the rule reports and dashboard share."""

from __future__ import annotations

from typing import Any

from mic2025.present.formatter import missing


def source_text(row: dict[str, Any], field: str, lang: str) -> str:
    """A source's ``title`` or ``publisher`` as a reader of ``lang`` sees it.

    English readers get the recorded (English) rendering; every other reader gets the
    source's own, original-language text where it is recorded (``<field>_original``),
    since an English rendering of a Chinese publication would be foreign to them.
    """
    rendered = "" if missing(row.get(field)) else str(row[field])
    original = "" if missing(row.get(f"{field}_original")) else str(row[f"{field}_original"])
    if lang == "en":
        return rendered or original
    return original or rendered
