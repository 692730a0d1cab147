"""Progress methods, discovered: every module here that defines ``assess`` is a method.

A method module owns everything about itself (pattern: SALib's ``analyze/*``): ``NAME``,
``ORDER`` (its place in tables), ``LABEL`` and ``SHORT_LABEL`` and ``DESCRIPTION``
(marked for the message catalogues), ``CITATION``, ``THRESHOLDS``, ``FORMULAS`` (the
formula for each basis a row can use), ``assess(prepared) -> frame`` (the columns of
``_common.RESULT_COLUMNS``, vectorised over rows) and ``explain(row, words) -> str``
(why a row got its status, in the reader's language).  The engine, the CLI, the API,
the dashboard and the reports all loop over :data:`METHODS`, so adding a method is one
new module (and its catalogue entries).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

REQUIRED = (
    "NAME",
    "ORDER",
    "LABEL",
    "SHORT_LABEL",
    "DESCRIPTION",
    "THRESHOLDS",
    "FORMULAS",
    "assess",
    "explain",
)


def _discover() -> dict[str, ModuleType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "assess"):
            missing = [a for a in REQUIRED if not hasattr(module, a)]
            if missing:
                raise TypeError(f"method module {info.name} lacks {missing}")
            found.append(module)
    return {m.NAME: m for m in sorted(found, key=lambda m: (m.ORDER, m.NAME))}


METHODS: dict[str, ModuleType] = _discover()
"""Method name -> module, in display order."""

DEFAULT_METHODS: tuple[str, ...] = tuple(METHODS)
"""Every method runs unless asked otherwise."""


def formula(method: str, basis: str) -> str:
    """The formula a row of ``method`` used, given its ``change_basis``."""
    formulas = METHODS[method].FORMULAS
    return formulas.get(basis) or ""


__all__ = ["DEFAULT_METHODS", "METHODS", "formula"]
