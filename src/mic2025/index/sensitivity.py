"""Variance-based sensitivity (Sobol first-order and total indices) with SALib.

Every uncertain choice is one SALib factor on [0, 1): a discrete choice among k options
takes option ``floor(u * k)``; a weight perturbation multiplies a weight by
``1 + noise * (2u - 1)``.  Weight factors are grouped ("indicator_weights",
"dimension_weights") so that each *choice* gets one S1/ST, and the Saltelli design
needs N * (G + 2) model runs (first order and total only) for G groups rather than for every weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from mic2025.index.spec import IndexSpec, UncertaintySpec

CHOICE_FACTORS = (
    "imputation",
    "transform",
    "normalisation",
    "weighting",
    "aggregation_indicator",
    "aggregation_dimension",
)


def options(spec: IndexSpec) -> dict[str, list[str]]:
    """Option lists per discrete factor (defaults: only the spec's own choice)."""
    u = spec.uncertainty or UncertaintySpec(
        normalisation=[spec.normalisation.method],
        weighting=[spec.aggregation.indicator_weights],
        aggregation_indicator=[spec.aggregation.indicator_level],
        aggregation_dimension=[spec.aggregation.dimension_level],
    )
    return {f: list(getattr(u, f)) for f in CHOICE_FACTORS}


def weight_noise(spec: IndexSpec) -> float:
    return spec.uncertainty.weight_noise if spec.uncertainty else 0.25


def problem(spec: IndexSpec) -> dict:
    """SALib problem: six discrete-choice factors plus one factor per weight, grouped."""
    names = list(CHOICE_FACTORS)
    groups = list(CHOICE_FACTORS)
    names += [f"w_{i}" for i in spec.indicator_ids]
    groups += ["indicator_weights"] * len(spec.indicator_ids)
    names += [f"wd_{d}" for d in spec.dimension_ids]
    groups += ["dimension_weights"] * len(spec.dimension_ids)
    return {
        "num_vars": len(names),
        "names": names,
        "bounds": [[0.0, 1.0]] * len(names),
        "groups": groups,
    }


def group_names(prob: dict) -> list[str]:
    return list(dict.fromkeys(prob["groups"]))


def base_size(prob: dict, n: int) -> int:
    """Smallest power of two N with N * (G + 2) >= n (Sobol' sequences balance at 2^k)."""
    g = len(group_names(prob))
    need = max(1, int(np.ceil(n / (g + 2))))
    return int(2 ** int(np.ceil(np.log2(need))))


def sample(prob: dict, n: int, seed: int) -> tuple[np.ndarray, int]:
    """Saltelli/Sobol' design with at least ``n`` rows; returns ``(U, N)``."""
    base = base_size(prob, n)
    u = sobol_sample.sample(prob, base, calc_second_order=False, scramble=True, seed=seed)
    return np.clip(u, 0.0, np.nextafter(1.0, 0.0)), base


@dataclass
class Design:
    """Decoded design: option index per discrete factor and weight multipliers."""

    choice: np.ndarray  # (n, 6) int
    mult_ind: np.ndarray  # (n, I)
    mult_dim: np.ndarray  # (n, D)


def decode(u: np.ndarray, spec: IndexSpec) -> Design:
    """Map uniform factors to choices and weight multipliers."""
    opts = options(spec)
    k = np.array([len(opts[f]) for f in CHOICE_FACTORS])
    choice = np.minimum((u[:, : len(k)] * k).astype(int), k - 1)
    noise = weight_noise(spec)
    n_i = len(spec.indicator_ids)
    mult = 1.0 + noise * (2.0 * u[:, len(k) :] - 1.0)
    return Design(choice, mult[:, :n_i], mult[:, n_i:])


def analyse(prob: dict, y: np.ndarray, seed: int) -> pd.DataFrame:
    """First-order and total Sobol indices per group (choice), with bootstrap 95 % CIs."""
    y = np.asarray(y, dtype=float)
    n_nan = int(np.isnan(y).sum())
    if n_nan:
        y = np.where(np.isnan(y), np.nanmean(y), y)
    if np.allclose(y, y[0]):
        names = group_names(prob)
        z = np.zeros(len(names))
        return pd.DataFrame({"factor": names, "S1": z, "S1_conf": z, "ST": z, "ST_conf": z})
    si = sobol_analyze.analyze(prob, y, calc_second_order=False, seed=seed, num_resamples=100)
    return pd.DataFrame(
        {
            "factor": group_names(prob),
            "S1": si["S1"],
            "S1_conf": si["S1_conf"],
            "ST": si["ST"],
            "ST_conf": si["ST_conf"],
        }
    )
