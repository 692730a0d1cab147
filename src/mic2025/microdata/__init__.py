"""Enterprise microdata → strategy indicators, on DuckDB, PostgreSQL or Spark (via Ibis).

See docs/microdata.md for the record schema, the formulas, the jackknife and the
disclosure rules.
"""

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
