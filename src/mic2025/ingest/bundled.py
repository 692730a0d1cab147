"""The real data shipped with mic2025: where it is and how it goes into a store.

Bundled files live in the repository's ``data/`` folder (copied into the wheel as
``mic2025/data``); ``data/SOURCES.md`` says where each came from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mic2025.ingest.pipeline import ingest_frame
from mic2025.plan import Plan
from mic2025.store import BatchResult, ObservationStore


def data_dir() -> Path:
    """``mic2025/data`` inside an installed wheel, else the repository's ``data/``."""
    packaged = Path(__file__).resolve().parents[1] / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


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
