"""mic2025: monitoring and evaluation of the *Made in China 2025* strategy.

Start with ``mic2025.init(path)`` (a new store with the bundled data) or
``mic2025.open(path)``; see the README for the command line.  Names are imported on
first use, so ``import mic2025`` (and the command line's start-up) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mic2025.monitor import Monitor, init, open

__version__ = "0.1.0"
__all__ = ["Monitor", "__version__", "init", "open"]


def __getattr__(name: str) -> Any:
    if name in ("Monitor", "init", "open"):
        from mic2025 import monitor

        return getattr(monitor, name)
    raise AttributeError(f"module 'mic2025' has no attribute {name!r}")
