"""Ingestion: read CSV, Excel, Parquet and SDMX-CSV; validate every row; store whole batches."""

from mic2025.ingest.errors import IngestError, Problem
from mic2025.ingest.pipeline import ingest_file, ingest_frame
from mic2025.ingest.readers import FORMATS, detect_format, read_table

__all__ = [
    "FORMATS",
    "IngestError",
    "Problem",
    "detect_format",
    "ingest_file",
    "ingest_frame",
    "read_table",
]
