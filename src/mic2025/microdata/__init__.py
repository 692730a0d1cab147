"""Enterprise microdata → strategy indicators, on DuckDB, PostgreSQL or Spark (via Ibis).

See docs/microdata.md for the record schema, the formulas, the jackknife and the
disclosure rules.

Names load on first use (``mic2025.lazy``), so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.lazy import exports

if TYPE_CHECKING:
    from mic2025.microdata.aggregate import Options, aggregate_file, aggregate_table, to_observations, write
    from mic2025.microdata.disclosure import DisclosureRules
    from mic2025.microdata.indicators import INDICATORS, MicroIndicator
    from mic2025.microdata.schema import MicrodataError, read_records, validate_records
    from mic2025.microdata.synthetic import SYNTHETIC_SOURCE, is_synthetic, write_panel

__all__ = [
    "INDICATORS",
    "SYNTHETIC_SOURCE",
    "DisclosureRules",
    "MicroIndicator",
    "MicrodataError",
    "Options",
    "aggregate_file",
    "aggregate_table",
    "is_synthetic",
    "read_records",
    "to_observations",
    "validate_records",
    "write",
    "write_panel",
]
__getattr__, __dir__ = exports(
    __name__,
    {
        "DisclosureRules": "disclosure",
        "INDICATORS": "indicators",
        "MicroIndicator": "indicators",
        "MicrodataError": "schema",
        "Options": "aggregate",
        "SYNTHETIC_SOURCE": "synthetic",
        "aggregate_file": "aggregate",
        "aggregate_table": "aggregate",
        "is_synthetic": "synthetic",
        "read_records": "schema",
        "to_observations": "aggregate",
        "validate_records": "schema",
        "write": "aggregate",
        "write_panel": "synthetic",
    },
)
