"""Load the real figures shipped with mic2025 (``data/``) into a store.

Each folder of ``data/`` with figures has a ``sources.csv`` and one or more observation
files (``data/SOURCES.md`` indexes them).  Sources are registered first, then the
observation files are loaded in order, each as one batch.  Columns that only trace a
row back to its original publication (the verbatim ``quote``, the ``scope`` the source
states, the ``origin_row`` in the original collection) stay in the files and are not
stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mic2025.data_files import data_dir

if TYPE_CHECKING:
    from mic2025.plan import Plan
    from mic2025.store import BatchResult, ObservationStore

FOLDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("national", ("plan_baselines.csv", "observations.csv")),
    ("provinces", ("observations.csv",)),
)
"""Folders of ``data/`` and their observation files, in load order (the plan's own values first)."""

PROVENANCE_ONLY_COLUMNS = ("origin_row", "quote", "scope")
"""Columns that trace a bundled row to its publication; kept in the files, not stored."""


def load_bundled(store: ObservationStore, plan: Plan) -> list[tuple[str, BatchResult]]:
    """Register the bundled sources and load every bundled observation file."""
    import pandas as pd

    from mic2025.ingest.pipeline import ingest_frame

    results = []
    for folder, files in FOLDERS:
        base = data_dir() / folder
        if not (base / "sources.csv").exists():
            continue
        _register_sources(store, base / "sources.csv")
        for name in files:
            frame = pd.read_csv(base / name, dtype=str, keep_default_na=False)
            frame = frame.drop(columns=[c for c in PROVENANCE_ONLY_COLUMNS if c in frame.columns])
            origin = f"data/{folder}/{name}"
            results.append((origin, ingest_frame(store, plan, frame, origin=origin, who="mic2025 init")))
    return results


def _register_sources(store: ObservationStore, path: Path) -> None:
    import pandas as pd

    sources = pd.read_csv(path, dtype=str, keep_default_na=False)
    store.add_sources([{k: (v or None) for k, v in r.items()} for r in sources.to_dict("records")])
