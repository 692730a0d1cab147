"""Ingestion: read any supported format in chunks, validate every row, store whole batches.

Names are imported on first use, so command-line start-up does not pay for pandas and
Ibis when a command does not ingest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mic2025.ingest.errors import IngestError, Problem
    from mic2025.ingest.pipeline import ingest_file, ingest_frame
    from mic2025.ingest.readers import FORMAT_NAMES, READERS, detect, read_table

_WHERE = {
    "IngestError": "mic2025.ingest.errors",
    "Problem": "mic2025.ingest.errors",
    "ingest_file": "mic2025.ingest.pipeline",
    "ingest_frame": "mic2025.ingest.pipeline",
    "FORMAT_NAMES": "mic2025.ingest.readers",
    "READERS": "mic2025.ingest.readers",
    "detect": "mic2025.ingest.readers",
    "read_table": "mic2025.ingest.readers",
}
__all__ = [
    "FORMAT_NAMES",
    "READERS",
    "IngestError",
    "Problem",
    "detect",
    "ingest_file",
    "ingest_frame",
    "read_table",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'mic2025.ingest' has no attribute {name!r}")
