"""Independent oracles for the Monte Carlo and Sobol outputs.

* Sobol indices on the Ishigami function, whose indices are known in closed form
  (Ishigami & Homma 1990; Sobol' & Levitan 1999): for a = 7, b = 0.1 on [-π, π]³,
  S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
* A spec in which one choice varies and nothing else: every other factor has S1 = ST = 0
  exactly, and the one that varies carries the variance.
* Quantiles against ``numpy.quantile(method="inverted_cdf")``; ranks, the mean absolute
  rank shift and step probabilities recomputed here from the replications' scores with
  ``scipy.stats.rankdata`` and plain loops.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from index.conftest import small_panel, small_spec
from mic2025.index import reference, run_uncertainty
from mic2025.index import sensitivity as sens
from mic2025.index import uncertainty as unc
from mic2025.index.compute import nominal_choices, score_panel
from mic2025.index.spec import IndexSpec
from mic2025.index.uncertainty import MonteCarlo

# -- Sobol on the Ishigami function ----------------------------------------------------
A, B = 7.0, 0.1


def ishigami_indices() -> tuple[np.ndarray, np.ndarray]:
    """The closed-form first-order and total indices (computed, not copied)."""
    v1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
    v2 = A**2 / 8
    v13 = B**2 * math.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_ishigami_closed_form_is_the_published_one():
    s1, st = ishigami_indices()
    np.testing.assert_allclose(s1, [0.3139, 0.4424, 0.0], atol=5e-5)
    np.testing.assert_allclose(st, [0.5576, 0.4424, 0.2437], atol=5e-5)


def test_sobol_indices_of_the_ishigami_function():
    prob = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[0.0, 1.0]] * 3,
            "groups": ["x1", "x2", "x3"]}  # fmt: skip
    u, base = sens.sample(prob, 5 * 2**12, seed=1)
    assert (base, u.shape) == (2**12, (5 * 2**12, 3))
    x = -math.pi + 2 * math.pi * u
    y = np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])
    got = sens.analyse(prob, y, seed=1)
    s1, st = ishigami_indices()
    assert list(got["factor"]) == ["x1", "x2", "x3"]
    np.testing.assert_allclose(got["S1"], s1, atol=0.01)
    np.testing.assert_allclose(got["ST"], st, atol=0.01)
    assert (got["S1_conf"] > 0).all() and (got["S1_conf"] < 0.05).all()
    assert (got["ST_conf"] > 0).all() and (got["ST_conf"] < 0.05).all()


def test_sobol_groups_take_one_index_per_group():
    """Two inputs in one group act as one factor: y = x1 + x2 (group g) + 0 * x3."""
    prob = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0.0, 1.0]] * 3, "groups": ["g", "g", "h"]}
    u, _ = sens.sample(prob, 4 * 2**10, seed=2)
    got = sens.analyse(prob, u[:, 0] + u[:, 1], seed=2)
    assert list(got["factor"]) == ["g", "h"]
    np.testing.assert_allclose(got["S1"], [1.0, 0.0], atol=0.02)
    np.testing.assert_allclose(got["ST"], [1.0, 0.0], atol=0.02)


def test_constant_output_has_zero_indices():
    prob = sens.problem(small_spec())
    got = sens.analyse(prob, np.full(40, 3.0), seed=0)
    assert list(got["factor"]) == sens.group_names(prob)
    assert (got[["S1", "S1_conf", "ST", "ST_conf"]].to_numpy() == 0).all()


# -- a spec in which one choice varies ---------------------------------------------------
def one_factor_spec(**uncertainty) -> IndexSpec:
    data = small_spec().model_dump(mode="json", exclude_none=True)
    data["uncertainty"] = {
        "normalisation": ["minmax"], "weighting": ["explicit"], "aggregation_indicator": ["arithmetic"],
        "aggregation_dimension": ["arithmetic"], "weight_noise": 0.0, **uncertainty,
    }  # fmt: skip
    return IndexSpec.model_validate(data)


def test_only_the_factor_that_varies_has_sobol_indices():
    spec = one_factor_spec(normalisation=["minmax", "zscore", "rank", "benchmark"])
    res = run_uncertainty(spec, n=400, seed=5, panel=small_panel())
    sob = res.sobol.set_index(["output", "factor"])
    for output in sob.index.unique("output"):
        part = sob.loc[output]
        others = part.drop(index="normalisation")
        assert (others[["S1", "ST"]].abs().to_numpy() < 1e-12).all(), (output, others)
        mine = part.loc["normalisation"]
        assert mine["ST"] > 0.5, (output, mine)
        assert mine["S1"] <= mine["ST"] + mine["S1_conf"], (output, mine)


def test_without_uncertain_choices_every_replication_is_the_nominal_one():
    spec = one_factor_spec()
    res = run_uncertainty(spec, n=64, seed=1, panel=small_panel())
    assert (res.sobol[["S1", "ST"]].to_numpy() == 0).all()
    ri = res.rank_intervals
    assert (ri["rank_p05"] == ri["nominal_rank"]).all() and (ri["rank_p95"] == ri["nominal_rank"]).all()


# -- quantiles ---------------------------------------------------------------------------
@pytest.mark.parametrize("rows", [1, 2, 7, 19, 20, 21, 40, 101])
def test_quantiles_equal_numpy_inverted_cdf(rows: int):
    rng = np.random.default_rng(rows)
    a = rng.integers(1, 12, size=(rows, 6)).astype(float)
    a[rng.random(a.shape) < 0.3] = np.nan
    a[:, 5] = np.nan  # a column never scored
    qs = [0.05, 0.1, 0.25, 0.5, 0.75, 0.95]
    got = unc._quantiles(a, qs)
    for j, q in enumerate(qs):
        for c in range(a.shape[1]):
            column = a[~np.isnan(a[:, c]), c]
            want = np.quantile(column, q, method="inverted_cdf") if column.size else np.nan
            np.testing.assert_equal(got[j, c], want, err_msg=f"q={q}, column {c}, n={column.size}")


def test_quantiles_of_one_to_twenty():
    """1..20: the 5 % point is the 1st value, the median the 10th, the 95 % point the 19th."""
    a = np.arange(20, 0, -1, dtype=float)[:, None]
    np.testing.assert_array_equal(unc._quantiles(a, [0.05, 0.5, 0.95])[:, 0], [1.0, 10.0, 19.0])


# -- the whole run against a recomputation ----------------------------------------------
def _ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks per replication and year with scipy (1 = highest; NaN stays NaN)."""
    out = np.full(scores.shape, np.nan)
    for r in range(scores.shape[0]):
        for t in range(scores.shape[2]):
            col = scores[r, :, t]
            ok = ~np.isnan(col)
            out[r, ok, t] = stats.rankdata(-col[ok], method="min")
    return out


def stated_steps(monkeypatch) -> None:
    """Let the small index state its steps, as one that reproduces a published ranking may."""
    monkeypatch.setattr(
        reference, "steps_reading", lambda *a, **k: reference.StepsReading(True, "test", pd.DataFrame())
    )


def test_run_uncertainty_against_a_recomputation(monkeypatch):
    spec, panel = small_spec(), small_panel()
    stated_steps(monkeypatch)
    analysed: dict[str, np.ndarray] = {}
    real = sens.analyse

    def spy(prob, y, seed):
        analysed[len(analysed)] = np.asarray(y, dtype=float).copy()
        return real(prob, y, seed)

    monkeypatch.setattr(unc.sens, "analyse", spy)
    res = run_uncertainty(spec, n=240, seed=9, panel=panel)

    # the same design, evaluated one replication at a time through the plain pipeline
    u, _ = sens.sample(sens.problem(spec), 240, 9)
    scores = MonteCarlo(spec, panel).loop(sens.decode(u, spec))
    ranks = _ranks(scores)
    nominal = score_panel(panel, spec, nominal_choices(spec)).score
    r0 = _ranks(nominal[None])[0]

    # mean absolute rank shift against the nominal ranks, over scored country-years
    shift = np.abs(ranks - r0[None])
    mars = np.array([np.nanmean(s) if (~np.isnan(s)).any() else np.nan for s in shift])
    np.testing.assert_allclose(analysed[0], mars, rtol=1e-6)
    assert mars.std() > 0  # the output really varies
    # C's rank in the last year it is scored nominally (2001)
    assert res.target_country == "C" and res.target_year == 2001
    np.testing.assert_array_equal(analysed[1], ranks[:, 2, 1])
    assert list(res.sobol["output"].unique()) == ["mean_abs_rank_shift", "rank_C_2001"]

    ri = res.rank_intervals.set_index(["country", "year"])
    for c, country in enumerate(panel.countries):
        for t, year in enumerate(panel.years):
            col = ranks[:, c, t]
            col = col[~np.isnan(col)]
            row = ri.loc[(country, year)]
            assert row["nominal_rank"] == r0[c, t]
            assert row["share_scored"] == pytest.approx(col.size / ranks.shape[0])
            for name, q in (("rank_p05", 0.05), ("rank_median", 0.5), ("rank_p95", 0.95)):
                assert row[name] == np.quantile(col, q, method="inverted_cdf"), (country, year, name)

    # step probabilities: C among itself, A and B at most 2nd
    steps = res.step_probabilities.set_index("year")
    for t, year in enumerate(panel.years):
        own = scores[:, 2, t]
        scored = ~np.isnan(own)
        ahead = np.array([sum(1 for g in (0, 1) if scores[r, g, t] > own[r]) for r in range(len(own))])
        want = np.mean(1 + ahead[scored] <= 2)
        assert steps.loc[year, "probability"] == pytest.approx(want)
        assert steps.loc[year, "share_scored"] == pytest.approx(scored.mean())


def test_step_probability_counts_a_rank_exactly_at_the_limit():
    """C must be at most 2nd among A, B and C: 2nd exactly counts, 3rd does not."""
    spec, panel = small_spec(), small_panel()
    nan = np.nan
    scores = np.array(
        [  # countries A, B, C × years 2000, 2001
            [[3.0, 3.0], [2.0, 1.0], [1.0, 2.0]],  # 2000: C 3rd; 2001: C 2nd
            [[3.0, 3.0], [1.0, 1.0], [2.0, 2.0]],  # 2000: C 2nd; 2001: C 2nd
            [[3.0, 1.0], [2.0, 1.0], [2.0, 2.0]],  # 2000: tie with B, C 2nd; 2001: C 1st
            [[3.0, 3.0], [2.5, 2.5], [2.0, nan]],  # 2000: C 3rd; 2001: not scored
            [[3.0, 3.0], [1.0, 2.5], [nan, 2.0]],  # 2000: not scored; 2001: C 3rd
        ]
    )
    got = unc._step_probabilities(spec, panel, scores, [0, 1]).set_index("year")
    assert got.loc[2000, "probability"] == pytest.approx(2 / 4)
    assert got.loc[2001, "probability"] == pytest.approx(3 / 4)
    assert got.loc[2000, "share_scored"] == pytest.approx(4 / 5)
    assert list(got["milestone"]) == [2025, 2025] and list(got["label"]) == ["enter", "enter"]


def test_step_probabilities_are_withheld_without_a_published_reference():
    """The small index has no reference ranking: its steps may not be stated, nor their odds."""
    res = run_uncertainty(small_spec(), n=40, seed=4, panel=small_panel())
    assert res.step_probabilities.empty and not res.rank_intervals.empty


def test_result_records_its_inputs_and_the_loop_gives_the_same(monkeypatch):
    spec, panel = small_spec(), small_panel()
    stated_steps(monkeypatch)
    a = run_uncertainty(spec, n=100, seed=4, panel=panel, years=[2001])
    b = run_uncertainty(spec, n=100, seed=4, panel=panel, years=[2001], method="loop")
    assert (a.spec_id, a.seed, a.base_n, a.n_evaluations) == ("t", 4, 16, 16 * (8 + 2))
    assert a.options == sens.options(spec) and a.options["imputation"] == ["none", "latest"]
    c2001 = a.rank_intervals.set_index("country").loc["C", "share_scored"]
    unscored = round((1 - c2001) * a.n_evaluations)  # C has no score without imputation
    assert a.nan_outputs == {"mean_abs_rank_shift": 0, "rank_C_2001": unscored} and unscored > 0
    assert isinstance(a.sources, dict)
    assert set(a.rank_intervals["year"]) == {2001} and list(a.rank_intervals.index) == list(range(3))
    assert list(a.rank_intervals["country"]) == ["A", "B", "C"]
    assert list(a.sobol.index) == list(range(len(a.sobol)))
    assert list(a.sobol.columns)[:2] == ["output", "factor"]
    assert set(a.step_probabilities["year"]) == {2001}
    for x, y in (
        (a.rank_intervals, b.rank_intervals),
        (a.sobol, b.sobol),
        (a.step_probabilities, b.step_probabilities),
    ):
        np.testing.assert_allclose(x.select_dtypes("number"), y.select_dtypes("number"), rtol=1e-9)


def test_each_choice_column_picks_its_own_option():
    mc = MonteCarlo(small_spec(), small_panel())
    ch = mc.choices(np.array([1, 0, 2, 3, 1, 1]))
    assert (ch.imputation, ch.transform, ch.normalisation) == ("latest", "spec", "rank")
    assert (ch.indicator_weights, ch.dimension_weights) == ("entropy", "entropy")
    assert (ch.aggregation_indicator, ch.aggregation_dimension) == ("geometric", "harmonic")
