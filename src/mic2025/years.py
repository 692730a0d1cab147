"""Year lists as people type them: ``2012,2015``, ``2010-2020``, or both mixed."""

from __future__ import annotations


def parse_years(text: str | None) -> list[int] | None:
    """``2012,2015`` or ``2010-2020`` (mixable, spaces allowed) → list of years; None if empty.

    Raises ValueError naming the part that is not a year or a range of years.
    """
    if not text:
        return None
    out: list[int] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        try:
            if "-" in part:
                a, b = part.split("-", 1)
                out.extend(range(int(a), int(b) + 1))
            else:
                out.append(int(part))
        except ValueError:
            raise ValueError(f"{part!r} is not a year or a range of years like 2010-2020") from None
    return out
