"""Find the line of a TOML file that a validation error's location points at.

``tomllib`` returns plain dicts without positions, so we scan the text: array-of-table
headers (``[[indicators]]``, ``[[indicators.targets]]``) are counted per path and keys
are matched inside the block they belong to.  Good enough to point a person at the
right place; when a location cannot be matched we fall back to the nearest block.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"]+)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+)\s*(?:\.\s*[A-Za-z0-9_\-\"]+\s*)*=")


def line_of(text: str, loc: list[object]) -> int | None:
    """1-based line for a pydantic location like ``['indicators', 3, 'unit']``."""
    lines = text.splitlines()
    # Header path that the location addresses, e.g. indicators[3].targets[1]
    wanted: list[tuple[str, int | None]] = []
    i = 0
    while i < len(loc):
        name = str(loc[i])
        index = loc[i + 1] if i + 1 < len(loc) and isinstance(loc[i + 1], int) else None
        wanted.append((name, index))
        i += 2 if index is not None else 1

    counters: dict[str, int] = {}
    current: list[tuple[str, int | None]] = []
    best_line: int | None = None
    best_depth = -1
    for number, raw in enumerate(lines, start=1):
        header = _HEADER.match(raw)
        if header:
            names = header.group(2).replace('"', "").split(".")
            is_array = header.group(1) == "[["
            parent = current[: len(names) - 1]
            path_key = ".".join(f"{n}{'' if ix is None else ix}" for n, ix in parent)
            path_key += "." + ".".join(names)
            if is_array:
                counters[path_key] = counters.get(path_key, -1) + 1
                # reset counters of deeper arrays when a new parent element begins
                for k in list(counters):
                    if k.startswith(path_key) and k != path_key:
                        del counters[k]
                current = [*parent, (names[-1], counters[path_key])]
            else:
                current = [*parent, *[(n, None) for n in names[len(parent) :]]]
            depth = _matching_depth(current, wanted)
            if depth > best_depth:
                best_depth, best_line = depth, number
            continue
        key = _KEY.match(raw)
        if key:
            name = key.group(1).replace('"', "")
            candidate = [*current, (name, None)]
            depth = _matching_depth(candidate, wanted)
            if depth > best_depth:
                best_depth, best_line = depth, number
    return best_line


def _matching_depth(path: list[tuple[str, int | None]], wanted: list[tuple[str, int | None]]) -> int:
    depth = 0
    for (name, ix), (wname, wix) in zip(path, wanted, strict=False):
        if name != wname or (wix is not None and ix != wix):
            break
        depth += 1 if ix == wix or wix is None else 0
    if len(path) > len(wanted) and depth == len(wanted):
        return depth - 1  # a deeper block than asked for is a worse match
    return depth
