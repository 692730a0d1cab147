"""Observation store: figures with source, vintage and batch; DuckDB or PostgreSQL via Ibis.

Names load on first use (``mic2025.lazy``), so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.store.areas import CHINA_AREAS, NATIONAL, PROVINCES, area_name, is_valid_area
    from mic2025.store.schema import IDENTITY, OBSERVATION_COLUMNS, SERIES_KEY
    from mic2025.store.store import BatchResult, ObservationStore, file_sha256

__all__ = [
    "CHINA_AREAS",
    "IDENTITY",
    "NATIONAL",
    "OBSERVATION_COLUMNS",
    "PROVINCES",
    "SERIES_KEY",
    "BatchResult",
    "ObservationStore",
    "area_name",
    "file_sha256",
    "is_valid_area",
]
__getattr__, __dir__ = exports(
    __name__,
    {
        "BatchResult": "store",
        "CHINA_AREAS": "areas",
        "IDENTITY": "schema",
        "NATIONAL": "areas",
        "OBSERVATION_COLUMNS": "schema",
        "ObservationStore": "store",
        "PROVINCES": "areas",
        "SERIES_KEY": "schema",
        "area_name": "areas",
        "file_sha256": "store",
        "is_valid_area": "areas",
    },
)
