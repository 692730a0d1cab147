"""Monte Carlo uncertainty analysis of an index, vectorised over replications.

Each replication picks imputation, transformation, normalisation, weighting scheme and
aggregation at both levels, and perturbs every weight.  The expensive data stages depend
only on a handful of discrete choices, so they are computed once per distinct
combination; all replications sharing them are then evaluated together with matrix
products (:func:`mic2025.index.aggregate.aggregate_batch`).  :meth:`MonteCarlo.loop`
evaluates the same design one replication at a time through the ordinary pipeline — it
is the reference the vectorised path is tested and benchmarked against.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mic2025.index import aggregate as agg
from mic2025.index import compute as cmp
from mic2025.index import normalise as nrm
from mic2025.index import sensitivity as sens
from mic2025.index.panel import Panel, build_panel
from mic2025.index.spec import IndexSpec, load_spec
from mic2025.index.steps import group_rank

CHUNK = 1024


class MonteCarlo:
    """Evaluate many configurations of one spec on one panel."""

    def __init__(self, spec: IndexSpec, panel: Panel) -> None:
        self.spec = spec
        self.panel = panel
        self.opts = sens.options(spec)
        self.dim_idx = cmp.dimension_index(spec)
        self._prep: dict[tuple, np.ndarray] = {}
        self._norm: dict[tuple, np.ndarray] = {}
        self._wi: dict[tuple, np.ndarray] = {}
        self._wd: dict[tuple, np.ndarray] = {}

    # ------------------------------------------------------------------ helpers
    def choices(self, row: np.ndarray) -> cmp.Choices:
        o = self.opts
        w = o["weighting"][row[3]]
        return cmp.Choices(
            o["imputation"][row[0]],
            o["transform"][row[1]],
            o["normalisation"][row[2]],
            w,
            w,
            o["aggregation_indicator"][row[4]],
            o["aggregation_dimension"][row[5]],
        )

    def _normalised(self, ch: cmp.Choices) -> np.ndarray:
        key = (ch.imputation, ch.transform, ch.normalisation, ch.positive)
        if key not in self._norm:
            pk = key[:2]
            if pk not in self._prep:
                self._prep[pk] = cmp.impute_and_transform(self.panel, self.spec, *pk)[0]
            z = cmp.normalise_all(self._prep[pk], self.panel, self.spec, ch.normalisation)
            if ch.positive:
                z = nrm.to_positive(z, ch.normalisation, self.spec.normalisation.floor)
            self._norm[key] = z
        return self._norm[key]

    def _weights(self, ch: cmp.Choices) -> tuple[np.ndarray, np.ndarray]:
        key = (ch.imputation, ch.transform, ch.normalisation, ch.positive, ch.indicator_weights)
        z = self._normalised(ch)
        if key not in self._wi:
            self._wi[key] = cmp.indicator_weights(self.spec, z, ch.indicator_weights)
        dkey = (*key, ch.aggregation_indicator)
        if dkey not in self._wd:
            d0, _ = cmp.dimension_scores(self.spec, z, self._wi[key], ch.aggregation_indicator)
            self._wd[dkey] = cmp.dimension_weights(self.spec, d0, ch.dimension_weights)
        return self._wi[key], self._wd[dkey]

    # ------------------------------------------------------------------ evaluators
    def loop(self, design: sens.Design) -> np.ndarray:
        """Straightforward reference: full pipeline once per replication → (n, C, T)."""
        n = design.choice.shape[0]
        out = np.empty((n, len(self.panel.countries), len(self.panel.years)))
        for r in range(n):
            ev = cmp.score_panel(
                self.panel,
                self.spec,
                self.choices(design.choice[r]),
                design.mult_ind[r],
                design.mult_dim[r],
            )
            out[r] = ev.score
        return out

    def vectorised(self, design: sens.Design) -> np.ndarray:
        """Same result as :meth:`loop`, grouped by data-stage choices → (n, C, T)."""
        ch_idx = design.choice
        n = ch_idx.shape[0]
        C, T = len(self.panel.countries), len(self.panel.years)
        out = np.empty((n, C, T))
        # data-stage key: everything except weighting scheme and dimension aggregation,
        # plus whether the positive form is needed (depends on aggregation_dimension)
        agg_dim_pos = np.array([a != "arithmetic" for a in self.opts["aggregation_dimension"]])[ch_idx[:, 5]]
        key = np.column_stack([ch_idx[:, [0, 1, 2, 4]], agg_dim_pos])
        uniq, inv = np.unique(key, axis=0, return_inverse=True)
        inv = inv.ravel()
        n_w = len(self.opts["weighting"])
        for g, k in enumerate(uniq):
            rows_all = np.flatnonzero(inv == g)
            probe = np.array([k[0], k[1], k[2], 0, k[3], 0])
            probe_ch = self.choices(probe)
            ch0 = cmp.Choices(
                probe_ch.imputation,
                probe_ch.transform,
                probe_ch.normalisation,
                "equal",
                "equal",
                probe_ch.aggregation_indicator,
                "geometric" if k[4] else "arithmetic",
            )
            z = self._normalised(ch0)
            flat = z.reshape(C * T, -1)
            wi_all = np.zeros((n_w, flat.shape[1]))
            wd_all = np.zeros((n_w, len(self.dim_idx)))
            for s in np.unique(ch_idx[rows_all, 3]):
                name = self.opts["weighting"][s]
                ch_s = cmp.Choices(
                    ch0.imputation,
                    ch0.transform,
                    ch0.normalisation,
                    name,
                    name,
                    ch0.aggregation_indicator,
                    ch0.aggregation_dimension,
                )
                wi_all[s], wd_all[s] = self._weights(ch_s)
            for start in range(0, rows_all.size, CHUNK):
                rows = rows_all[start : start + CHUNK]
                out[rows] = self._batch(rows, flat, wi_all, wd_all, design, ch0).reshape(rows.size, C, T)
        return out

    def _batch(
        self,
        rows: np.ndarray,
        flat: np.ndarray,
        wi_all: np.ndarray,
        wd_all: np.ndarray,
        design: sens.Design,
        ch0: cmp.Choices,
    ) -> np.ndarray:
        scheme = design.choice[rows, 3]
        w_ind = wi_all[scheme] * design.mult_ind[rows]
        w_dim = wd_all[scheme] * design.mult_dim[rows]
        dims = np.empty((rows.size, flat.shape[0], len(self.dim_idx)))
        for d, idx in enumerate(self.dim_idx):
            dims[:, :, d], _ = agg.aggregate_batch(
                flat[:, idx],
                w_ind[:, idx],
                ch0.aggregation_indicator,
                self.spec.aggregation.min_coverage,
            )
        missing = np.isnan(dims).any(axis=-1)
        score = np.empty((rows.size, flat.shape[0]))
        agg_d = design.choice[rows, 5]
        for a in np.unique(agg_d):
            sub = agg_d == a
            p = agg.POWER[self.opts["aggregation_dimension"][a]]
            f = agg._f(np.where(np.isnan(dims[sub]), 1.0, dims[sub]), p)
            wd = w_dim[sub]
            m = np.einsum("rnd,rd->rn", f, wd) / wd.sum(axis=1, keepdims=True)
            score[sub] = agg._finv(m, p)
        score[missing] = np.nan
        return score


# ---------------------------------------------------------------------- result
@dataclass
class UncertaintyResult:
    """Rank intervals, Sobol indices and step probabilities of one Monte Carlo run."""

    spec_id: str
    n_evaluations: int
    base_n: int
    seed: int
    target_country: str
    target_year: int | None
    rank_intervals: pd.DataFrame
    sobol: pd.DataFrame
    step_probabilities: pd.DataFrame
    options: dict[str, list[str]] = field(default_factory=dict)
    nan_outputs: dict[str, int] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """Ranks over countries for every replication and year, chunked to bound memory."""
    out = np.empty(scores.shape, dtype=np.float32)
    for s in range(0, scores.shape[0], CHUNK):
        out[s : s + CHUNK] = cmp.rank_desc(scores[s : s + CHUNK], axis=1)
    return out


def run_uncertainty(
    spec: IndexSpec | str,
    n: int = 10_000,
    seed: int = 20250519,
    panel: Panel | None = None,
    years: list[int] | None = None,
    target_year: int | None = None,
    method: str = "vectorised",
) -> UncertaintyResult:
    """Monte Carlo over the spec's uncertain choices with a Saltelli/Sobol' design.

    Outputs analysed by Sobol: mean absolute rank shift against the nominal ranking
    (averaged over all scored country-years) and the target country's rank in
    ``target_year`` (default: latest year it is scored nominally).  The probability of
    reaching each of the strategy's steps is reported only where the index reproduces
    a published ranking (``mic2025.index.reference``); otherwise it is empty.
    """
    spec = load_spec(spec)
    panel = build_panel(spec) if panel is None else panel
    prob = sens.problem(spec)
    u, base = sens.sample(prob, n, seed)
    mc = MonteCarlo(spec, panel)
    design = sens.decode(u, spec)
    scores = mc.vectorised(design) if method == "vectorised" else mc.loop(design)
    ranks = ranks_of(scores)
    nominal = cmp.score_panel(panel, spec, cmp.nominal_choices(spec)).score
    r0 = cmp.rank_desc(nominal, axis=0)
    country = spec.steps.country if spec.steps else "CHN"
    outputs, target_year = _outputs(panel, ranks, r0, nominal, country, target_year)
    sobol, nan_outputs = _sobol(prob, outputs, seed)
    keep_t = [t for t, y in enumerate(panel.years) if years is None or y in set(years)]
    steps = _step_probabilities(spec, panel, scores, keep_t)
    if not cmp.compute_index(spec, panel).steps_reading.supported:
        steps = steps.iloc[0:0]
    return UncertaintyResult(
        spec.index.id, int(u.shape[0]), base, seed, country, target_year,
        _rank_intervals(panel, ranks, r0, keep_t), sobol, steps, mc.opts, nan_outputs,
        cmp.source_note(spec, panel),
    )  # fmt: skip


def mean_abs_rank_shift(ranks: np.ndarray, nominal_ranks: np.ndarray) -> np.ndarray:
    """Per replication: the mean of |rank - nominal rank| over every scored country-year."""
    with np.errstate(invalid="ignore"):
        shift = np.abs(ranks - nominal_ranks[None].astype(np.float32))
    valid = ~np.isnan(shift)
    counted = valid.sum(axis=(1, 2))
    return np.where(valid.any(axis=(1, 2)), np.nansum(shift, axis=(1, 2)) / np.maximum(counted, 1), np.nan)


def _outputs(
    panel: Panel,
    ranks: np.ndarray,
    r0: np.ndarray,
    nominal: np.ndarray,
    country: str,
    target_year: int | None,
) -> tuple[dict[str, np.ndarray], int | None]:
    """The model outputs the sensitivity analysis explains."""
    outputs = {"mean_abs_rank_shift": mean_abs_rank_shift(ranks, r0)}
    ci = panel.countries.index(country) if country in panel.countries else None
    if ci is None:
        return outputs, target_year
    scored = [t for t in range(len(panel.years)) if not np.isnan(nominal[ci, t])]
    if target_year is None and scored:
        target_year = panel.years[scored[-1]]
    if target_year is not None:
        outputs[f"rank_{country}_{target_year}"] = ranks[:, ci, panel.years.index(target_year)]
    return outputs, target_year


def _sobol(prob: dict, outputs: dict[str, np.ndarray], seed: int) -> tuple[pd.DataFrame, dict[str, int]]:
    frames, nan_outputs = [], {}
    for name, y in outputs.items():
        nan_outputs[name] = int(np.isnan(y).sum())
        df = sens.analyse(prob, y, seed)
        df.insert(0, "output", name)
        frames.append(df)
    return pd.concat(frames, ignore_index=True), nan_outputs


def _rank_intervals(panel: Panel, ranks: np.ndarray, r0: np.ndarray, keep_t: list[int]) -> pd.DataFrame:
    """5th, 50th and 95th percentile of each country's rank per year, with the nominal rank."""
    flat = ranks[:, :, keep_t].reshape(ranks.shape[0], -1).astype(float)
    n_valid = (~np.isnan(flat)).sum(axis=0)
    q = _quantiles(flat, [0.05, 0.5, 0.95])
    cc, tt = np.meshgrid(np.arange(len(panel.countries)), keep_t, indexing="ij")
    intervals = pd.DataFrame(
        {
            "country": np.asarray(panel.countries, dtype=object)[cc.ravel()],
            "year": np.asarray(panel.years)[tt.ravel()],
            "nominal_rank": r0[:, keep_t].ravel(),
            "rank_p05": q[0],
            "rank_median": q[1],
            "rank_p95": q[2],
            "share_scored": n_valid / ranks.shape[0],
        }
    )
    return intervals[n_valid > 0].reset_index(drop=True)


def _quantiles(a: np.ndarray, qs: list[float]) -> np.ndarray:
    """Per-column quantiles ignoring NaN, as observed ranks (inverted CDF, no averaging)."""
    out = np.full((len(qs), a.shape[1]), np.nan)
    s = np.sort(a, axis=0)  # NaN last
    n = (~np.isnan(a)).sum(axis=0)
    for j, q in enumerate(qs):
        k = np.clip(np.ceil(q * n).astype(int) - 1, 0, None)
        vals = np.take_along_axis(s, k[None, :], axis=0)[0]
        out[j] = np.where(n > 0, vals, np.nan)
    return out


def _step_probabilities(spec: IndexSpec, panel: Panel, scores: np.ndarray, keep_t: list[int]) -> pd.DataFrame:
    """Share of replications in which each milestone's rank rule holds, per year."""
    if spec.steps is None or spec.steps.country not in panel.countries:
        return pd.DataFrame()
    st = spec.steps
    ci = panel.countries.index(st.country)
    gi = [panel.countries.index(c) for c in st.group if c in panel.countries]
    own = scores[:, ci, :]
    grp = np.moveaxis(scores[:, gi, :], 1, -1)
    gr = group_rank(own, grp)
    rows = []
    for t in keep_t:
        ok = ~np.isnan(gr[:, t])
        for m in st.milestones:
            prob = float((gr[ok, t] <= m.max_rank_in_group).mean()) if ok.any() else np.nan
            rows.append(
                {
                    "year": panel.years[t],
                    "milestone": m.year,
                    "label": m.label,
                    "probability": prob,
                    "share_scored": float(ok.mean()),
                }
            )
    return pd.DataFrame(rows)
