"""Read a plan from TOML, with errors that name the file, the field and the line.

The built-in plan is a directory of TOML files (one per part of the document) so each
part stays readable; a user's plan (a province's implementation plan) may be a single
file.  Both go through the same schema.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mic2025.plan.locate import line_of
from mic2025.plan.model import Plan

BUILTIN_PLAN_DIR = Path(__file__).parent / "plans" / "mic2025"


class PlanFileError(ValueError):
    """A plan file that cannot be read: every problem with its file, field and line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid plan:\n" + "\n".join(f"  - {p}" for p in problems))


def _text(path: Path) -> str:
    """A plan file's text; not UTF-8 is a problem with the file, said as such."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PlanFileError([f"{path}: not UTF-8 text (byte {exc.start}): {exc.reason}"]) from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_text(path))
    except tomllib.TOMLDecodeError as exc:  # message already carries line and column
        raise PlanFileError([f"{path}: TOML syntax error: {exc}"]) from exc


def _merge(parts: list[tuple[Path, dict[str, Any]]]) -> tuple[dict[str, Any], dict]:
    """Merge the parts: lists concatenate, a scalar may be set by one file only.

    Returns the merged document and, for each (top-level key, list index), the file and
    index in that file it came from, so validation errors can point at the right line.
    """
    merged: dict[str, Any] = {}
    origin: dict[tuple[str, int | None], tuple[Path, int | None]] = {}
    problems: list[str] = []
    for path, doc in parts:
        for key, value in doc.items():
            if isinstance(value, list):
                existing = merged.setdefault(key, [])
                for i in range(len(value)):
                    origin[(key, len(existing) + i)] = (path, i)
                existing.extend(value)
            elif key in merged:
                first = origin[(key, None)][0]
                problems.append(f"{path}: field '{key}' is already set in {first.name}")
            else:
                merged[key] = value
                origin[(key, None)] = (path, None)
    if problems:
        raise PlanFileError(problems)
    return merged, origin


def load_plan(path: str | Path | None = None) -> Plan:
    """Load and validate a plan file or directory; the built-in plan when ``path`` is None."""
    source = Path(path) if path is not None else BUILTIN_PLAN_DIR
    if not source.exists():
        raise PlanFileError([f"{source}: no such file or directory"])
    if source.is_file() and source.suffix.lower() == ".json":
        return _load_json(source)
    files = sorted(source.glob("*.toml")) if source.is_dir() else [source]
    if not files:
        raise PlanFileError([f"{source}: directory holds no .toml file"])
    texts = {f: _text(f) for f in files}
    merged, origin = _merge([(f, _read_toml(f)) for f in files])
    try:
        return Plan.model_validate(merged)
    except ValidationError as exc:
        raise PlanFileError(_describe(exc, origin, texts, source)) from exc


def _load_json(path: Path) -> Plan:
    """A plan written as JSON (``mic2025 plan show --json`` prints one)."""
    try:
        return Plan.model_validate_json(_text(path))
    except ValidationError as exc:
        problems = [
            f"{path}: field '{'.'.join(str(p) for p in e['loc']) or '(plan)'}': {e['msg']}"
            for e in exc.errors()
        ]
        raise PlanFileError(problems) from exc


def _describe(
    exc: ValidationError,
    origin: dict[tuple[str, int | None], tuple[Path, int | None]],
    texts: dict[Path, str],
    source: Path,
) -> list[str]:
    problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        field = ".".join(str(p) for p in loc) or "(plan)"
        file, line = source, None
        if loc:
            top = str(loc[0])
            index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
            found = origin.get((top, index)) or origin.get((top, None))
            if found is not None:
                file, local_index = found
                local_loc = [top, local_index, *loc[2:]] if index is not None else loc
                line = line_of(texts[file], local_loc)
        where = f"{file}:{line}" if line else str(file)
        problems.append(f"{where}: field '{field}': {err['msg']}")
    return problems


@lru_cache(maxsize=1)
def default_plan() -> Plan:
    """The built-in *Made in China 2025* plan, parsed once per process."""
    return load_plan(None)
