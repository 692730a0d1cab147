"""Benchmark: every micro indicator for every area × sector × year cell (with margins).

    python bench/bench_microdata.py [--rows 5000000] [--dir DIR] [--rounds 2]

Contenders, each in its own subprocess so peak memory (ru_maxrss) is its own, run in
interleaved rounds on the same machine and the same Parquet file (best time kept):

* ``mic2025``  — ``aggregate_table`` on DuckDB: values, margins, jackknife SE/CI and
  primary + secondary suppression (the full pipeline);
* ``sql``      — hand-written DuckDB SQL: values and unit counts, margins by GROUPING SETS
  (no SE, no disclosure control);
* ``pandas``   — an idiomatic pandas groupby computing the same values and counts.

The synthetic panel (rows / 10 enterprises × 10 years) is generated once into ``--dir``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SQL = """
WITH r AS (
  SELECT province, substr(industry, 1, 3) AS division, year, weight AS w,
         above_designated_size AS a, revenue, rd_expenditure, invention_patents,
         digital_design_tools AS d, cnc_ratio
  FROM read_parquet('{path}')
  WHERE substr(industry, 1, 3) BETWEEN 'C13' AND 'C43'
)
SELECT coalesce(province, 'CN') AS area, coalesce(division, '_T') AS sector, year,
  100 * sum(w * rd_expenditure) FILTER (WHERE a) / sum(w * revenue) FILTER (WHERE a)
    AS rd_intensity,
  1e4 * sum(w * invention_patents) FILTER (WHERE a) / sum(w * revenue) FILTER (WHERE a)
    AS invention_patents_intensity,
  count(*) FILTER (WHERE a) AS n_above_size,
  100 * sum(w * d::INT) / sum(w) FILTER (WHERE d IS NOT NULL) AS digital_design_tools,
  count(d) AS n_digital,
  sum(w * cnc_ratio) / sum(w) FILTER (WHERE cnc_ratio IS NOT NULL) AS cnc_ratio,
  count(cnc_ratio) AS n_cnc
FROM r
GROUP BY GROUPING SETS ((province, division, year), (province, year), (division, year), (year))
"""


SQL_SAME_WORK = """
SELECT province, division, year, jk_group,
  sum(w * rd_expenditure) FILTER (WHERE a) AS rd_num, sum(w * revenue) FILTER (WHERE a) AS rev,
  count(w) FILTER (WHERE a) AS n_a, sum(w) FILTER (WHERE a) AS sw_a,
  max(w * rd_expenditure) FILTER (WHERE a) AS rd_max, max(w * revenue) FILTER (WHERE a) AS rev_max,
  sum(w * invention_patents) FILTER (WHERE a) AS pat_num,
  max(w * invention_patents) FILTER (WHERE a) AS pat_max,
  sum(w * CASE WHEN d THEN 1.0 ELSE 0.0 END) FILTER (WHERE d IS NOT NULL) AS d_num,
  sum(w) FILTER (WHERE d IS NOT NULL) AS d_den, count(w) FILTER (WHERE d IS NOT NULL) AS d_n,
  max(w * CASE WHEN d THEN 1.0 ELSE 0.0 END) FILTER (WHERE d IS NOT NULL) AS d_max,
  max(w) FILTER (WHERE d IS NOT NULL) AS d_wmax,
  sum(w * cnc_ratio) FILTER (WHERE cnc_ratio IS NOT NULL) AS c_num,
  sum(w) FILTER (WHERE cnc_ratio IS NOT NULL) AS c_den,
  count(w) FILTER (WHERE cnc_ratio IS NOT NULL) AS c_n,
  max(w * cnc_ratio) FILTER (WHERE cnc_ratio IS NOT NULL) AS c_max,
  max(w) FILTER (WHERE cnc_ratio IS NOT NULL) AS c_wmax
FROM (
  SELECT province, substr(industry, 1, 3) AS division, year, weight AS w,
         coalesce(above_designated_size, false) AS a, revenue, rd_expenditure,
         invention_patents::DOUBLE AS invention_patents, digital_design_tools AS d, cnc_ratio,
         (((enterprise_id % 1000003) * 11949 + 2015) % 1000003) % 20 AS jk_group
  FROM read_parquet('{path}')
  WHERE substr(industry, 1, 3) BETWEEN 'C13' AND 'C43'
)
GROUP BY province, division, year, jk_group
"""
"""The same grouped aggregation mic2025's Ibis expression sends (cell × jackknife group,
sums, counts and maxima for disclosure control), written by hand: the like-for-like
baseline for the engine part of the pipeline."""


def run_mic2025(path: str) -> int:
    import ibis

    from mic2025.microdata.aggregate import aggregate_table

    table = ibis.duckdb.connect().read_parquet(path)
    return len(aggregate_table(table, "area,sector,year"))


def run_sql(path: str) -> int:
    import duckdb

    return len(duckdb.connect().sql(SQL.format(path=path)).df())


def run_sql_same_work(path: str) -> int:
    import duckdb

    return duckdb.connect().sql(SQL_SAME_WORK.format(path=path)).to_arrow_table().num_rows


def run_pandas(path: str) -> int:
    import pandas as pd

    cols = [
        "province",
        "industry",
        "year",
        "weight",
        "above_designated_size",
        "revenue",
        "rd_expenditure",
        "invention_patents",
        "digital_design_tools",
        "cnc_ratio",
    ]
    df = pd.read_parquet(path, columns=cols)
    df["division"] = df["industry"].str[:3]
    df = df[df["division"].between("C13", "C43")]
    a = df["above_designated_size"]
    w = df["weight"]
    d = df["digital_design_tools"]
    c = df["cnc_ratio"]
    parts = pd.DataFrame(
        {
            "province": df["province"],
            "division": df["division"],
            "year": df["year"],
            "rd": (w * df["rd_expenditure"]).where(a, 0.0),
            "rev": (w * df["revenue"]).where(a, 0.0),
            "pat": (w * df["invention_patents"]).where(a, 0.0),
            "n_above_size": a.astype(int),
            "d_num": (w * d.fillna(False).astype(float)).where(d.notna(), 0.0),
            "d_den": w.where(d.notna(), 0.0),
            "n_digital": d.notna().astype(int),
            "c_num": (w * c).fillna(0.0),
            "c_den": w.where(c.notna(), 0.0),
            "n_cnc": c.notna().astype(int),
        }
    )
    out = []
    for keys in (["province", "division", "year"], ["province", "year"], ["division", "year"], ["year"]):
        g = parts.groupby(keys, observed=True).sum(numeric_only=True).reset_index()
        out.append(
            pd.DataFrame(
                {
                    "area": g["province"] if "province" in keys else "CN",
                    "sector": g["division"] if "division" in keys else "_T",
                    "year": g["year"],
                    "rd_intensity": 100 * g["rd"] / g["rev"],
                    "invention_patents_intensity": 1e4 * g["pat"] / g["rev"],
                    "n_above_size": g["n_above_size"],
                    "digital_design_tools": 100 * g["d_num"] / g["d_den"],
                    "n_digital": g["n_digital"],
                    "cnc_ratio": g["c_num"] / g["c_den"],
                    "n_cnc": g["n_cnc"],
                }
            )
        )
    return len(pd.concat(out, ignore_index=True))


CONTENDERS = {
    "mic2025": run_mic2025,
    "sql": run_sql,
    "sql_same_work": run_sql_same_work,
    "pandas": run_pandas,
}


def worker(name: str, path: str, repeat: int) -> None:
    """Run one contender ``repeat`` times in this process; print JSON with the best time."""
    fn = CONTENDERS[name]
    best = float("inf")
    rows = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = fn(path)
        best = min(best, time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"name": name, "seconds": best, "peak_mb": peak_mb, "rows": rows}))


def ensure_panel(rows: int, directory: Path) -> Path:
    from mic2025.microdata.synthetic import write_panel

    path = directory / f"synthetic_panel_{rows}.parquet"
    if not path.exists():
        t0 = time.perf_counter()
        write_panel(path, n_enterprises=rows // 10, years=range(2015, 2025), seed=2025)
        print(f"generated {path} in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "mic2025-bench")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.path, args.repeat)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    path = ensure_panel(args.rows, args.dir)
    best: dict[str, dict] = {}
    for r in range(args.rounds):
        for name in CONTENDERS:
            if name == "pandas" and r > 0:
                continue  # the slow baseline once is enough for a ratio
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    name,
                    "--path",
                    str(path),
                    "--repeat",
                    str(args.repeat),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            res = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"round {r + 1} {name:13s} {res['seconds']:7.3f} s  peak {res['peak_mb']:7.0f} MB"
                f"  ({res['rows']} rows out)",
                flush=True,
            )
            if name not in best or res["seconds"] < best[name]["seconds"]:
                best[name] = res | {"peak_mb": max(res["peak_mb"], best.get(name, {}).get("peak_mb", 0))}
    m, s, p, same = best["mic2025"], best["sql"], best["pandas"], best["sql_same_work"]
    print(
        f"\n{args.rows:,} enterprise-year rows, all 4 indicators, every area x sector x year "
        f"cell with margins"
    )
    print(f"  mic2025 (values+SE+CI+SDC) {m['seconds']:.3f} s, peak {m['peak_mb']:.0f} MB")
    print(
        f"  hand-written DuckDB SQL    {s['seconds']:.3f} s, peak {s['peak_mb']:.0f} MB"
        "  (values and counts only)"
    )
    print(
        f"  same aggregation, by hand  {same['seconds']:.3f} s, peak {same['peak_mb']:.0f} MB"
        "  (cell x jackknife group sums and maxima, no post-processing)"
    )
    print(f"  pandas groupby             {p['seconds']:.3f} s, peak {p['peak_mb']:.0f} MB")
    print(f"  mic2025 / SQL    = {m['seconds'] / s['seconds']:.2f}x  (aim <= 1.3x)")
    print(
        f"  mic2025 / same-work SQL = {m['seconds'] / same['seconds']:.2f}x"
        "  (what Ibis and the SE/disclosure post-processing add)"
    )
    print(f"  pandas / mic2025 = {p['seconds'] / m['seconds']:.2f}x  (aim >= 5x)")


if __name__ == "__main__":
    main()
