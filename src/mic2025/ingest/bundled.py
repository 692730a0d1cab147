"""Load the real national figures shipped with mic2025 into a store."""

from __future__ import annotations

import pandas as pd

from mic2025.data_files import data_dir
from mic2025.ingest.pipeline import ingest_frame
from mic2025.plan import Plan
from mic2025.store import BatchResult, ObservationStore

NATIONAL_FILES = ("plan_baselines.csv", "observations.csv")
"""Observation files of ``data/national`` in load order: the plan's own values first."""

PROVENANCE_ONLY_COLUMNS = ("origin_row",)
"""Columns that trace a bundled row back to its original file; not stored."""


def load_bundled(store: ObservationStore, plan: Plan) -> list[tuple[str, BatchResult]]:
    """Register the bundled sources and load the bundled national figures."""
    national = data_dir() / "national"
    sources = pd.read_csv(national / "sources.csv", dtype=str, keep_default_na=False)
    store.add_sources([{k: (v or None) for k, v in r.items()} for r in sources.to_dict("records")])
    results = []
    for name in NATIONAL_FILES:
        path = national / name
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame = frame.drop(columns=[c for c in PROVENANCE_ONLY_COLUMNS if c in frame.columns])
        result = ingest_frame(store, plan, frame, origin=f"data/national/{name}", who="mic2025 init")
        results.append((name, result))
    return results
