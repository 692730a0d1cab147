"""Benchmark: vectorised Monte Carlo vs a per-replication loop, same design, same run.

SYNTHETIC DATA: a seeded random panel of 50 countries × 25 years × 20 indicators (5
dimensions of 4), log-normal levels with 5 % of cells missing.  No real figures are used.

    python bench/bench_index.py [--n 10000] [--loop-n N] [--seed 7]

Prints the wall time of both paths, their ratio, agreement of the scores, and peak
memory (process max RSS after the vectorised phase and at the end).
``--loop-n`` times the loop on the first N replications only and scales linearly (the
loop's cost is linear in replications); the default runs the loop on all of them.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from mic2025.index import sensitivity as sens
from mic2025.index.panel import Panel
from mic2025.index.spec import IndexSpec
from mic2025.index.uncertainty import MonteCarlo, ranks_of


def synthetic(seed: int, C: int = 50, T: int = 25, I: int = 20, D: int = 5):  # noqa: E741
    """Seeded synthetic spec + panel (labelled synthetic; not real data)."""
    rng = np.random.default_rng(seed)
    countries = [f"S{c:02d}" for c in range(C)]
    years = list(range(2000, 2000 + T))
    inds = [f"x{i:02d}" for i in range(I)]
    level = rng.normal(0, 1, (C, 1, I))
    trend = rng.normal(0.02, 0.02, (C, 1, I)) * np.arange(T)[None, :, None]
    values = np.exp(level + trend + rng.normal(0, 0.1, (C, T, I)))
    values[rng.random(values.shape) < 0.05] = np.nan
    spec = IndexSpec.model_validate(
        {
            "index": {
                "id": "synthetic",
                "name": "SYNTHETIC benchmark index",
                "countries": countries,
                "benchmark": {"countries": countries[:6], "year": 2012},
            },
            "normalisation": {"method": "minmax"},
            "dimensions": [{"id": f"d{d}", "name": f"d{d}"} for d in range(D)],
            "indicators": [
                {
                    "id": x,
                    "name": x,
                    "dimension": f"d{i % D}",
                    "series": "synthetic",
                    "direction": "lower" if i % 7 == 3 else "higher",
                    "weight": 1 + i % 3,
                }
                for i, x in enumerate(inds)
            ],
            "uncertainty": {
                "imputation": ["none", "latest", "linear"],
                "transform": ["spec", "log", "winsorise"],
                "normalisation": ["minmax", "zscore", "rank", "benchmark"],
                "weighting": ["explicit", "equal", "pca", "entropy"],
                "aggregation_indicator": ["arithmetic", "geometric", "harmonic"],
                "aggregation_dimension": ["arithmetic", "geometric", "harmonic"],
            },
        }
    )
    return spec, Panel(countries, years, inds, values, {x: "SYNTHETIC" for x in inds})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--loop-n", type=int, default=None)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    spec, panel = synthetic(a.seed)
    n_factors = sens.problem(spec)["num_vars"]
    u = np.random.default_rng(a.seed).random((a.n, n_factors))
    design = sens.decode(u, spec)
    print(
        f"SYNTHETIC panel {len(panel.countries)} countries × {len(panel.years)} years × "
        f"{len(panel.indicators)} indicators; {a.n} replications; seed {a.seed}"
    )

    t0 = time.perf_counter()
    vec = MonteCarlo(spec, panel).vectorised(design)
    ranks = ranks_of(vec)
    t_vec = time.perf_counter() - t0
    rss_vec = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    m = a.loop_n or a.n
    sub = sens.Design(design.choice[:m], design.mult_ind[:m], design.mult_dim[:m])
    t0 = time.perf_counter()
    loop = MonteCarlo(spec, panel).loop(sub)
    loop_ranks = ranks_of(loop)
    t_loop = (time.perf_counter() - t0) * (a.n / m)

    same_nan = np.array_equal(np.isnan(loop), np.isnan(vec[:m]))
    with np.errstate(invalid="ignore"):
        rel = np.nanmax(np.abs(loop - vec[:m]) / np.maximum(np.abs(loop), 1e-12))
    rank_agree = np.mean((loop_ranks == ranks[:m]) | np.isnan(loop_ranks))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"vectorised: {t_vec:8.2f} s")
    label = "" if m == a.n else f"  (timed on {m}, scaled ×{a.n / m:.1f})"
    print(f"loop:       {t_loop:8.2f} s{label}")
    print(f"ratio loop/vectorised: {t_loop / t_vec:.1f}x")
    print(f"agreement: NaN pattern equal={same_nan}, max rel diff={rel:.2e}, ranks equal={rank_agree:.4%}")
    print(f"peak memory (max RSS): after vectorised phase {rss_vec:.0f} MiB; whole run {rss:.0f} MiB")


if __name__ == "__main__":
    main()
