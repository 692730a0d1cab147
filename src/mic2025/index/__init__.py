"""Composite "manufacturing power" indices with uncertainty and sensitivity analysis.

Two built-in specs (``cae_mpdi``, ``unido_cip``) model the CAE Manufacturing Power
Development Index and UNIDO's CIP on the bundled international data; every choice can be
varied by Monte Carlo to show how robust a ranking is.

Names load on first use (``mic2025.lazy``), so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.index.compute import Choices, IndexResult, compute_index
    from mic2025.index.panel import Panel, build_panel
    from mic2025.index.spec import IndexSpec, SpecError, load_spec
    from mic2025.index.uncertainty import UncertaintyResult, run_uncertainty

__all__ = [
    "Choices",
    "IndexResult",
    "IndexSpec",
    "Panel",
    "SpecError",
    "UncertaintyResult",
    "build_panel",
    "compute_index",
    "load_spec",
    "run_uncertainty",
]
__getattr__, __dir__ = exports(
    __name__,
    {
        "Choices": "compute",
        "IndexResult": "compute",
        "IndexSpec": "spec",
        "Panel": "panel",
        "SpecError": "spec",
        "UncertaintyResult": "uncertainty",
        "build_panel": "panel",
        "compute_index": "compute",
        "load_spec": "spec",
        "run_uncertainty": "uncertainty",
    },
)
