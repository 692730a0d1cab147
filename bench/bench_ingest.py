"""Ingest benchmark: a 1,000,000-row CSV validated and stored, against DuckDB's own
``read_csv`` + ``INSERT`` of the same file into the same table layout, in the same run.

The file is synthetic (generated here, seeded) but valid against the built-in plan:
figures for the 32 areas × many months × several indicators.  Run:

    python bench/bench_ingest.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

import mic2025
from mic2025.store import CHINA_AREAS

INDICATORS = ["rd_intensity", "broadband_penetration", "digital_design_tools", "cnc_ratio"]
SOURCE = {"id": "bench_synthetic", "title": "Synthetic benchmark figures (not real data)", "synthetic": True}


def make_csv(path: Path, rows: int, seed: int = 2025) -> None:
    """Unique (indicator, area, entity, month) cells with values inside natural limits."""
    rng = np.random.default_rng(seed)
    i = np.arange(rows)
    months = 12 * 60  # 1960-01 .. 2019-12
    cells = len(INDICATORS) * len(CHINA_AREAS) * months
    month = i % months
    frame = pd.DataFrame(
        {
            "indicator": np.array(INDICATORS)[(i // months) % len(INDICATORS)],
            "area": np.array(CHINA_AREAS)[(i // (months * len(INDICATORS))) % len(CHINA_AREAS)],
            "entity": np.char.add("unit", (i // cells).astype(str)),
            "period": [f"{1960 + m // 12}-{1 + m % 12:02d}" for m in month],
            "value": np.round(rng.uniform(0, 99, rows), 3),
            "unit": "pct",
            "status": "A",
            "source": SOURCE["id"],
            "vintage": "2021-06-30",
        }
    )
    frame.to_csv(path, index=False)


def run_mic2025(csv: Path, db: Path) -> float:
    with mic2025.open(db, create=True) as m:
        m.add_sources([SOURCE])
        started = time.perf_counter()
        result = m.ingest(csv)
        elapsed = time.perf_counter() - started
        assert result.rows_added > 0
    return elapsed


BASELINE_SQL = """
INSERT INTO observations BY NAME
SELECT indicator, area, '_T' AS sector, entity, period, value, NULL AS qualifier, unit, status,
       source, vintage, 'baseline' AS batch
FROM read_csv(?, header = true,
              columns = {{'indicator': 'VARCHAR', 'area': 'VARCHAR', 'entity': 'VARCHAR',
                          'period': 'VARCHAR', 'value': 'DOUBLE', 'unit': 'VARCHAR',
                          'status': 'VARCHAR', 'source': 'VARCHAR', 'vintage': 'DATE'}})
"""


def run_duckdb(csv: Path, db: Path) -> float:
    # same table layout as the store, created before the clock starts
    mic2025.open(db, create=True).close()
    con = duckdb.connect(str(db))
    started = time.perf_counter()
    con.execute(BASELINE_SQL.format(), [str(csv)])
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        csv = tmpdir / "figures.csv"
        make_csv(csv, args.rows)
        print(f"{args.rows:,} rows, {csv.stat().st_size / 1e6:.1f} MB CSV (synthetic)")
        ours, base = [], []
        for k in range(args.repeat):
            base.append(run_duckdb(csv, tmpdir / f"base{k}.duckdb"))
            ours.append(run_mic2025(csv, tmpdir / f"ours{k}.duckdb"))
        b, o = statistics.median(base), statistics.median(ours)
        print(f"duckdb read_csv + INSERT (baseline): {b:.2f} s (median of {args.repeat})")
        print(f"mic2025 ingest (read, validate, store): {o:.2f} s (median of {args.repeat})")
        print(f"ratio mic2025 / baseline: {o / b:.2f}x  (aim: within 2x)")


if __name__ == "__main__":
    main()
