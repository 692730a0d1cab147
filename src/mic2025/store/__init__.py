"""Observation store: figures with source, vintage and batch; DuckDB or PostgreSQL via Ibis."""

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
