"""The built-in index specs, discovered from their files (adding a spec = one TOML file).

Kept apart from :mod:`mic2025.index.spec` so that help texts can list the names without
loading the spec model.
"""

from __future__ import annotations

from pathlib import Path

SPECS_DIR = Path(__file__).parent / "specs"
BUILTIN_SPECS: tuple[str, ...] = tuple(sorted(p.stem for p in SPECS_DIR.glob("*.toml")))
"""Every ``specs/*.toml`` file, by name."""
