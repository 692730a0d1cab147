"""Hand-computed cases: every target kind x every method, arithmetic written out."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from evaluate.conftest import indicator, make_plan, obs, row, target
from mic2025.evaluate import evaluate


def level_plan(upper_bound: float | None = None):
    extra = {"upper_bound": upper_bound} if upper_bound is not None else {}
    return make_plan(
        [
            indicator(
                "broadband",
                targets=[target("bb_2020", "broadband", "level", 70, 2020)],
                baselines={2015: 40.0},
                **extra,
            )
        ]
    )


LEVEL_OBS = obs([("broadband", "CN", 2016, 45), ("broadband", "CN", 2017, 50), ("broadband", "CN", 2018, 55)])


def test_level_growth_ratio():
    card = evaluate(level_plan(), LEVEL_OBS)
    r = row(card, "growth_ratio")
    req = (70 / 40) ** (1 / 5) - 1  # 0.118427: required CAGR 2015->2020
    act = (55 / 40) ** (1 / 3) - 1  # 0.111990: observed CAGR 2015->2018
    assert r["progress_ratio"] == pytest.approx(act / req)  # 0.9457 < 0.95
    assert r["status"] == "needs_acceleration"
    assert r["required_annual_change"] == pytest.approx(100 * req)
    assert r["actual_annual_change"] == pytest.approx(100 * act)
    assert r["baseline_source"] == "plan"
    assert r["gap"] == pytest.approx(70 - 55)
    assert r["years_used"] == "2015-2018"
    assert r["status_symbol"] == "→"


def test_level_unsd_gap():
    r = row(evaluate(level_plan(), LEVEL_OBS), "unsd_gap")
    cagr = (55 / 40) ** (1 / 3) - 1
    projected = 55 * (1 + cagr) ** 2  # 68.0087 in 2020
    assert r["projected_value"] == pytest.approx(projected)
    assert r["progress_ratio"] == pytest.approx((projected - 40) / (70 - 40))  # 0.9336
    assert r["status"] == "needs_acceleration"


def test_level_trend_perfect_line():
    r = row(evaluate(level_plan(), LEVEL_OBS), "trend")
    # 45, 50, 55 on 2016..2018: slope 5, 2020 -> 65, zero residuals so PI collapses
    assert r["projected_value"] == pytest.approx(65)
    assert r["pi_low"] == pytest.approx(65) and r["pi_high"] == pytest.approx(65)
    assert r["prob_meet"] == 0.0
    assert r["progress_ratio"] == pytest.approx((65 - 40) / (70 - 40))
    assert r["status"] == "needs_acceleration"
    assert r["n_years_used"] == 3


def test_natural_limit_uses_distance_to_bound():
    r = row(evaluate(level_plan(upper_bound=100), LEVEL_OBS), "growth_ratio")
    req = (30 / 60) ** (1 / 5) - 1  # shortfall 60 -> 30 by 2020
    act = (45 / 60) ** (1 / 3) - 1  # shortfall 60 -> 45 by 2018
    assert r["progress_ratio"] == pytest.approx(act / req)  # 0.706
    assert r["status"] == "needs_acceleration"
    assert "natural limit" in r["note"]


def energy_plan():
    return make_plan(
        [
            indicator(
                "energy",
                unit="index",
                direction="lower",
                category="green",
                baselines={2015: 100.0},
                targets=[target("en_2020", "energy", "change_from_base", -18, 2020, base_year=2015)],
            )
        ]
    )


ENERGY_OBS = obs(
    [("energy", "CN", 2016, 97), ("energy", "CN", 2017, 94), ("energy", "CN", 2018, 90)],
    unit="index",
)


def test_change_from_base_all_methods():
    card = evaluate(energy_plan(), ENERGY_OBS)
    g, u, t = (row(card, m) for m in ("growth_ratio", "unsd_gap", "trend"))
    assert g["target_value"] == pytest.approx(100 * (1 - 0.18))  # 82
    req = 0.82 ** (1 / 5) - 1  # -3.89 %/yr
    act = 0.90 ** (1 / 3) - 1  # -3.45 %/yr
    assert g["progress_ratio"] == pytest.approx(act / req)  # 0.887
    assert g["status"] == "needs_acceleration"
    projected = 90 * (1 + act) ** 2  # 83.895
    assert u["progress_ratio"] == pytest.approx((projected - 100) / (82 - 100))  # 0.895
    assert u["status"] == "needs_acceleration"
    # OLS on (2016,97),(2017,94),(2018,90): slope -7/2, mean 93.667 at 2017
    yhat = (97 + 94 + 90) / 3 - 3.5 * 3
    sse = (97 - (yhat + 3.5 * 4)) ** 2 + (94 - (yhat + 3.5 * 3)) ** 2 + (90 - (yhat + 3.5 * 2)) ** 2
    se = math.sqrt(sse / 1) * math.sqrt(1 + 1 / 3 + 3**2 / 2)
    q = stats.t.ppf(0.95, 1)
    assert t["projected_value"] == pytest.approx(yhat)  # 83.167
    assert t["pi_low"] == pytest.approx(yhat - q * se)
    assert t["pi_high"] == pytest.approx(yhat + q * se)
    assert t["prob_meet"] == pytest.approx(stats.t.cdf((82 - yhat) / se, 1))  # P(Y<=82)
    assert t["status"] == "needs_acceleration"  # (83.17-100)/(82-100) = 0.935


def test_pp_change():
    plan = make_plan(
        [
            indicator(
                "va_rate",
                baselines={2015: 20.0},
                targets=[target("va_2020", "va_rate", "pp_change", 2, 2020, unit="pp", base_year=2015)],
            )
        ]
    )
    r = row(evaluate(plan, obs([("va_rate", "CN", 2016, 20.5), ("va_rate", "CN", 2017, 21)])), "growth_ratio")
    assert r["target_value"] == pytest.approx(22)  # 20 + 2 pp
    ratio = ((21 / 20) ** (1 / 2) - 1) / ((22 / 20) ** (1 / 5) - 1)  # 0.02470 / 0.01924
    assert r["progress_ratio"] == pytest.approx(ratio)
    assert r["status"] == "on_track"


def growth_plan():
    return make_plan(
        [
            indicator(
                "productivity_growth",
                unit="percent_yoy",
                targets=[
                    target(
                        "lp_2020",
                        "productivity_growth",
                        "average_annual_growth",
                        7.5,
                        2020,
                        period_start=2016,
                    )
                ],
            )
        ]
    )


def test_average_annual_growth_all_methods():
    o = obs(
        [("productivity_growth", "CN", y, v) for y, v in [(2016, 6.0), (2017, 7.0), (2018, 8.0)]],
        unit="percent_yoy",
    )
    card = evaluate(growth_plan(), o)
    g, u, t = (row(card, m) for m in ("growth_ratio", "unsd_gap", "trend"))
    assert g["actual_annual_change"] == pytest.approx(7.0)  # mean of 6, 7, 8
    assert g["progress_ratio"] == pytest.approx(7.0 / 7.5)  # 0.933
    assert g["status"] == "needs_acceleration"
    assert u["progress_ratio"] == pytest.approx(7.0 / 7.5)
    assert u["status"] == "needs_acceleration"  # 0.10 <= 0.933 < 0.95
    # trend +1/yr: 2019 -> 9, 2020 -> 10, period mean (6+7+8+9+10)/5 = 8
    assert t["projected_value"] == pytest.approx(8.0)
    assert t["progress_ratio"] == pytest.approx(8.0 / 7.5)
    assert t["status"] == "on_track"
    assert t["prob_meet"] == 1.0  # exact line: no residual spread


def test_average_annual_growth_achieved_only_when_period_complete():
    o = obs([("productivity_growth", "CN", y, 8.0) for y in range(2016, 2021)], unit="percent_yoy")
    card = evaluate(growth_plan(), o)
    assert set(card["status"]) == {"achieved"}
    early = obs([("productivity_growth", "CN", y, 8.0) for y in range(2016, 2019)], unit="percent_yoy")
    assert "achieved" not in set(evaluate(growth_plan(), early)["status"])


def count_plan():
    return make_plan(
        [indicator("centres", unit="count", category="project", baselines={2015: 0.0}, project="p1")],
        projects=[
            {
                "id": "p1",
                "labels": {"en": "Innovation centres"},
                "ref": {"section": "3.1", "box": 1},
                "number": 1,
                "targets": [target("p1_2020", "centres", "count", 15, 2020, unit="count")],
            }
        ],
    )


def test_count_with_zero_baseline_falls_back_to_linear():
    o = obs([("centres", "CN", y, v) for y, v in [(2016, 1), (2017, 3), (2018, 5)]], unit="count")
    card = evaluate(count_plan(), o)
    g, u, t = (row(card, m) for m in ("growth_ratio", "unsd_gap", "trend"))
    assert g["owner"] == "p1" and g["owner_type"] == "project" and g["project"] == "p1"
    # zero baseline: CAGR undefined -> (5-0)/3 per year vs (15-0)/5 per year required
    assert g["progress_ratio"] == pytest.approx((5 / 3) / (15 / 5))  # 0.556
    assert g["status"] == "stagnating"
    assert g["change_basis"] == "linear" and "linear" in g["note"]
    assert u["projected_value"] == pytest.approx(5 + 5 / 3 * 2)  # 8.33
    assert u["progress_ratio"] == pytest.approx((5 + 5 / 3 * 2) / 15)
    assert u["status"] == "needs_acceleration"
    assert t["projected_value"] == pytest.approx(9)  # 3 + 2*3
    assert t["progress_ratio"] == pytest.approx(9 / 15)


def test_share_with_observed_baseline():
    plan = make_plan(
        [indicator("self_assured", targets=[target("sa_2020", "self_assured", "share", 40, 2020)])]
    )
    o = obs([("self_assured", "CN", 2015, 20), ("self_assured", "CN", 2018, 30)])
    card = evaluate(plan, o)
    g, u, t = (row(card, m) for m in ("growth_ratio", "unsd_gap", "trend"))
    assert g["baseline_source"] == "observed"
    assert g["progress_ratio"] == pytest.approx((1.5 ** (1 / 3) - 1) / (2 ** (1 / 5) - 1))  # 0.973
    assert g["status"] == "on_track"
    proj = 30 * 1.5 ** (2 / 3)  # 39.31
    assert u["progress_ratio"] == pytest.approx((proj - 20) / 20)
    assert u["status"] == "on_track"
    assert t["status"] == "insufficient_data" and "at least 3" in t["note"]


def test_achieved_when_latest_past_target():
    o = obs([("broadband", "CN", 2016, 60), ("broadband", "CN", 2017, 72)])
    card = evaluate(level_plan(), o)
    # 72 >= 70: every method says achieved, even trend with too few points for a fit,
    # because a target already met needs no projection
    assert set(card["status"]) == {"achieved"}
    assert row(card, "growth_ratio")["status"] == "achieved"
    assert row(card, "growth_ratio")["decided_by"] == "latest value vs target"


def test_regressing_and_stagnating():
    falling = obs(
        [("broadband", "CN", 2016, 39), ("broadband", "CN", 2017, 38), ("broadband", "CN", 2018, 37)]
    )
    card = evaluate(level_plan(), falling)
    assert set(card["status"]) == {"regressing"}
    flat = obs(
        [("broadband", "CN", 2016, 40.1), ("broadband", "CN", 2017, 40.2), ("broadband", "CN", 2018, 40.3)]
    )
    # R = ((40.3/40)^(1/3)-1)/((70/40)^(1/5)-1) = 0.0021 -> stagnating; UNSD share 0.0167
    card = evaluate(level_plan(), flat)
    assert row(card, "growth_ratio")["status"] == "stagnating"
    assert row(card, "unsd_gap")["status"] == "stagnating"


def test_count_target_met_without_a_baseline_is_achieved():
    """Green factories: 2,121 in 2020 against about 1,000; no 2015 count is known."""
    from mic2025.plan import default_plan

    o = obs([("green_factories_cum", "CN", 2018, 409), ("green_factories_cum", "CN", 2020, 2121)])
    o["unit"] = default_plan().indicator("green_factories_cum").unit
    card = evaluate(default_plan(), o, milestone=2020)
    mine = card[card["indicator"] == "green_factories_cum"]
    assert set(mine["status"]) == {"achieved"}
