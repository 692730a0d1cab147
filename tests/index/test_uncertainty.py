"""Monte Carlo: vectorised equals loop, seed reproducibility, sane intervals and Sobol."""

import numpy as np

from index.conftest import small_panel, small_spec
from mic2025.index import run_uncertainty
from mic2025.index import sensitivity as sens
from mic2025.index.compute import nominal_choices, score_panel
from mic2025.index.uncertainty import MonteCarlo


def test_vectorised_equals_loop():
    spec, panel = small_spec(), small_panel()
    u, _ = sens.sample(sens.problem(spec), 200, seed=3)
    d = sens.decode(u, spec)
    mc = MonteCarlo(spec, panel)
    a, b = mc.loop(d), mc.vectorised(d)
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    np.testing.assert_allclose(a, b, rtol=1e-10)


def test_decode_maps_choices():
    spec = small_spec()
    u = np.zeros((1, sens.problem(spec)["num_vars"]))
    u[0, 2] = 0.99  # last normalisation option
    d = sens.decode(u, spec)
    assert d.choice[0, 2] == 3 and np.allclose(d.mult_ind, 1 - 0.25)


def test_nominal_is_a_replication():
    spec, panel = small_spec(), small_panel()
    ev = score_panel(panel, spec, nominal_choices(spec))
    d = sens.Design(np.zeros((1, 6), int), np.ones((1, 3)), np.ones((1, 2)))
    np.testing.assert_allclose(MonteCarlo(spec, panel).vectorised(d)[0], ev.score)


def test_seed_reproducible_and_intervals():
    spec, panel = small_spec(), small_panel()
    a = run_uncertainty(spec, n=300, seed=11, panel=panel)
    b = run_uncertainty(spec, n=300, seed=11, panel=panel)
    c = run_uncertainty(spec, n=300, seed=12, panel=panel)
    assert a.rank_intervals.equals(b.rank_intervals) and a.sobol.equals(b.sobol)
    assert not a.sobol.equals(c.sobol)
    ri = a.rank_intervals
    assert (ri["rank_p05"] <= ri["rank_median"]).all()
    assert (ri["rank_median"] <= ri["rank_p95"]).all()
    assert set(a.sobol["factor"]) >= {"normalisation", "indicator_weights"}
    assert a.n_evaluations >= 300


def test_real_data_small_run():
    r = run_uncertainty("unido_cip", n=200, seed=1)
    chn = r.rank_intervals.query("country == 'CHN' and year == 2018").iloc[0]
    assert 1 <= chn["rank_p05"] <= chn["rank_p95"] <= 19
