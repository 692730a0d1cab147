"""Lazy package exports: a package names what it offers; modules load on first use.

The command line imports every command module at start-up to build its help; if a
package's ``__init__`` imported its engine (pandas, Ibis, SciPy) eagerly, ``mic2025
--help`` would pay for all of them.  Packages therefore map each public name to the
module that defines it (PEP 562 ``__getattr__``), as SciPy and scikit-image do.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def exports(package: str, where: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``; ``where`` maps name → submodule."""

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
            globals_of(package)[name] = value  # later look-ups skip this function
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(where)

    return __getattr__, __dir__


def globals_of(package: str) -> dict[str, Any]:
    import sys

    return vars(sys.modules[package])
