"""Publication layer on the web: a JSON REST API and a five-language dashboard.

Nothing here computes a figure: pages and endpoints ask the store, the evaluation
engine and the index module, then format what they return.

Names load on first use (``mic2025.lazy``), so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.web.app import create_app

__all__ = [
    "create_app",
]
__getattr__, __dir__ = exports(
    __name__,
    {
        "create_app": "app",
    },
)
