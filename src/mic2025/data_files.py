"""Where the bundled real data lives, installed or not.

The repository's ``data/`` folder is copied into the wheel as ``mic2025/data``; in an
editable install the package finds the repository's folder instead.  ``data/SOURCES.md``
says where each file came from.
"""

from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    """``mic2025/data`` inside an installed wheel, else the repository's ``data/``."""
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"
