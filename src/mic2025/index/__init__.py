"""Composite "manufacturing power" indices with uncertainty and sensitivity analysis.

Two built-in specs (``cae_mpdi``, ``unido_cip``) model the CAE Manufacturing Power
Development Index and UNIDO's CIP on the bundled international data; every choice can be
varied by Monte Carlo to show how robust a ranking is.
"""

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
