"""Every threshold of every method at, just below and just above its boundary; caps at a
natural limit; "achieved" exactly on the target; average-growth periods complete only in
the target year.

The cases are built so the ratios are exact in binary floating point: a plan baseline of
0 in 2015 makes every growth rate undefined, so the growth-ratio method falls back to
absolute yearly change and the UNSD method to a linear projection, and a target of 100
in 2020 then turns an observation ``v`` in 2016 into

    growth_ratio  R = (v / 1) / (100 / 5)          = v / 20
    unsd_gap      S = (v + 4 v - 0) / (100 - 0)    = v / 20

and a perfect line ``s, 2s, 3s`` on 2016-2018 into the trend projection 5 s in 2020,
``S = 5 s / 100 = s / 20``.  So v = 19 is exactly 0.95, 12 exactly 0.60, 2 exactly 0.10
and 0 exactly 0 (IEEE division is correctly rounded: 19 / 20 == 0.95).
"""

from __future__ import annotations

import datetime as dt

import pytest

from evaluate.conftest import indicator, make_plan, obs, row, target
from mic2025.evaluate import evaluate, headline
from mic2025.evaluate.methods import growth_ratio, time_elapsed, trend, unsd_gap

ON, ACC, STAG, REG = "on_track", "needs_acceleration", "stagnating", "regressing"


def zero_base_plan(upper_bound: float | None = None, level: float = 100.0):
    extra = {"upper_bound": upper_bound} if upper_bound is not None else {}
    return make_plan(
        [
            indicator(
                "x",
                baselines={2015: 0.0},
                targets=[target("x_2020", "x", "level", level, 2020)],
                **extra,
            )
        ]
    )


def test_the_published_thresholds():
    """Open SDG: 0.95 / 0.60 / 0; UNSD 2023 and the trend on its scale: 0.95 / 0.10 / 0."""

    def levels(m) -> tuple[float, ...]:
        return (m.THRESHOLDS["on_track"], m.THRESHOLDS["needs_acceleration"], m.THRESHOLDS["stagnating"])

    assert levels(growth_ratio) == (0.95, 0.60, 0.0)
    assert levels(unsd_gap) == (0.95, 0.10, 0.0)
    assert levels(trend) == (0.95, 0.10, 0.0)
    assert levels(time_elapsed) == (1.0, 0.5, 0.0)  # progress / time: half the task at half the time
    assert trend.LEVEL == 0.90 and trend.MIN_POINTS == 3 and trend.MIN_DECIDING_POINTS == 5


@pytest.mark.parametrize(
    ("value", "ratio", "growth", "unsd"),
    [
        (19.02, 0.951, ON, ON),
        (19.0, 0.95, ON, ON),  # exactly 0.95: on track for both
        (18.98, 0.949, ACC, ACC),
        (12.02, 0.601, ACC, ACC),
        (12.0, 0.60, ACC, ACC),  # exactly 0.60: growth ratio needs acceleration
        (11.98, 0.599, STAG, ACC),
        (2.02, 0.101, STAG, ACC),
        (2.0, 0.10, STAG, ACC),  # exactly 0.10: UNSD needs acceleration
        (1.98, 0.099, STAG, STAG),
        (1.02, 0.051, STAG, STAG),  # a 0.05 UNSD threshold would say "needs acceleration"
        (0.02, 0.001, STAG, STAG),
        (0.0, 0.0, STAG, STAG),  # exactly 0: no movement is stagnation, not regression
        (-0.02, -0.001, REG, REG),
    ],
)
def test_ratio_methods_at_their_thresholds(value: float, ratio: float, growth: str, unsd: str):
    card = evaluate(zero_base_plan(), obs([("x", "CN", 2016, value)]))
    g, u = row(card, "growth_ratio"), row(card, "unsd_gap")
    assert g["change_basis"] == "linear" and u["change_basis"] == "linear"
    assert g["progress_ratio"] == pytest.approx(ratio, abs=1e-12)
    assert u["progress_ratio"] == pytest.approx(ratio, abs=1e-12)
    assert u["projected_value"] == pytest.approx(5 * value, abs=1e-12)
    assert (g["status"], u["status"]) == (growth, unsd)
    if ratio in (0.95, 0.60, 0.10, 0.0):  # the boundary cases really are exact
        assert g["progress_ratio"] == ratio and u["progress_ratio"] == ratio


@pytest.mark.parametrize(
    ("slope", "status"),
    [
        (19.02, ON),
        (19.0, ON),  # projection 95 of 100: exactly 0.95
        (18.98, ACC),
        (2.02, ACC),
        (2.0, ACC),  # projection 10: exactly 0.10
        (1.98, STAG),
        (1.02, STAG),
        (0.0, STAG),  # flat at the baseline: exactly 0
        (-0.02, REG),
    ],
)
def test_trend_at_its_thresholds(slope: float, status: str):
    o = obs([("x", "CN", 2016 + k, slope * (k + 1)) for k in range(3)])
    r = row(evaluate(zero_base_plan(), o), "trend")
    assert r["projected_value"] == pytest.approx(5 * slope, abs=1e-9)
    assert r["progress_ratio"] == pytest.approx(slope / 20, abs=1e-12)
    assert r["status"] == status


def test_headline_is_the_worst_judged_status_at_a_boundary():
    # v = 12: growth ratio 0.60 (needs acceleration) and UNSD 0.60 (needs acceleration);
    # v = 11.98: growth ratio stagnating, UNSD still needs acceleration -> stagnating
    # (judged in 2017, before the 2020 deadline: afterwards only a 2020 figure decides)
    before_deadline = dt.date(2017, 6, 30)
    head = headline(evaluate(zero_base_plan(), obs([("x", "CN", 2016, 11.98)])), as_of=before_deadline)
    assert head.loc[0, "status"] == STAG and head.loc[0, "decided_by"] == "growth_ratio"
    head = headline(evaluate(zero_base_plan(), obs([("x", "CN", 2016, 12.0)])), as_of=before_deadline)
    assert head.loc[0, "status"] == ACC


# -- natural limits ------------------------------------------------------------------
def test_unsd_projection_is_capped_at_the_natural_limit():
    # 25 in 2016 from 0 in 2015: linear projection 25 + 25 * 4 = 125 > the limit 100
    plan = zero_base_plan(upper_bound=100.0, level=98.0)
    u = row(evaluate(plan, obs([("x", "CN", 2016, 25.0)])), "unsd_gap")
    assert u["projected_value"] == 100.0
    assert u["progress_ratio"] == pytest.approx(100 / 98)  # uncapped it would be 125 / 98
    assert u["status"] == ON
    assert "projection kept inside the natural range" in u["note"]


def test_unsd_projection_below_the_limit_is_not_capped():
    plan = zero_base_plan(upper_bound=100.0, level=98.0)
    u = row(evaluate(plan, obs([("x", "CN", 2016, 15.0)])), "unsd_gap")
    assert u["projected_value"] == pytest.approx(75.0)
    assert u["progress_ratio"] == pytest.approx(75 / 98)
    assert "capped" not in u["note"]


def test_unsd_cagr_projection_is_capped_too():
    # positive values: CAGR 50 -> 80 over 2015-2017 is 26.49 %/yr; 80 * 1.2649^3 = 161.9 -> 100
    plan = make_plan(
        [
            indicator(
                "x",
                baselines={2015: 50.0},
                upper_bound=100.0,
                targets=[target("x_2020", "x", "level", 95, 2020)],
            )
        ]
    )
    u = row(evaluate(plan, obs([("x", "CN", 2017, 80.0)])), "unsd_gap")
    assert u["change_basis"] == "cagr"
    assert u["projected_value"] == 100.0
    assert u["progress_ratio"] == pytest.approx((100 - 50) / (95 - 50))


def test_trend_share_is_measured_on_the_capped_projection():
    # 25, 50, 75 on 2016-2018: the line reaches 125 in 2020, past the limit 100
    plan = zero_base_plan(upper_bound=100.0, level=98.0)
    t = row(evaluate(plan, obs([("x", "CN", 2016 + k, 25.0 * (k + 1)) for k in range(3)])), "trend")
    assert t["projected_value"] == pytest.approx(100.0)  # the line's 125 kept inside the range
    assert t["progress_ratio"] == pytest.approx(100 / 98)  # the share uses min(125, 100)
    assert "projection kept inside the natural range" in t["note"]
    assert t["status"] == ON


# -- achieved exactly on the target --------------------------------------------------
@pytest.mark.parametrize(
    ("latest", "achieved"),
    [(70.0, True), (70.0 + 1e-12, True), (70.0 - 1e-12, True), (69.99, False), (70.01, True)],
)
def test_value_exactly_on_a_level_target_is_achieved(latest: float, achieved: bool):
    plan = make_plan(
        [indicator("bb", baselines={2015: 40.0}, targets=[target("bb_2020", "bb", "level", 70, 2020)])]
    )
    card = evaluate(plan, obs([("bb", "CN", 2016, 50.0), ("bb", "CN", 2017, latest)]))
    for method in ("growth_ratio", "unsd_gap", "trend"):
        r = row(card, method)
        assert (r["status"] == "achieved") is achieved, (method, r["status"])
        if achieved:
            assert r["decided_by"] == "latest value vs target"


def test_target_computed_in_floating_point_is_met_by_its_decimal_value():
    """+10 % from 3 is 3 * 1.1 = 3.3000000000000003 in binary; a reported 3.3 meets it."""
    plan = make_plan(
        [
            indicator(
                "x",
                unit="index",
                baselines={2015: 3.0},
                targets=[target("x_2020", "x", "change_from_base", 10, 2020, base_year=2015)],
            )
        ]
    )
    assert 3.0 * (1 + 10 / 100) > 3.3  # the premise
    card = evaluate(plan, obs([("x", "CN", 2018, 3.3)], unit="index"))
    assert set(card["status"]) == {"achieved"}
    below = evaluate(plan, obs([("x", "CN", 2018, 3.2999)], unit="index"))
    assert "achieved" not in set(below["status"])


@pytest.mark.parametrize(("latest", "achieved"), [(82.0, True), (81.0, True), (82.01, False)])
def test_lower_is_better_target_exactly_met(latest: float, achieved: bool):
    plan = make_plan(
        [
            indicator(
                "energy",
                unit="index",
                direction="lower",
                baselines={2015: 100.0},
                targets=[target("en_2020", "energy", "level", 82, 2020, unit="index")],
            )
        ]
    )
    card = evaluate(plan, obs([("energy", "CN", 2018, latest)], unit="index"))
    assert (row(card, "growth_ratio")["status"] == "achieved") is achieved


@pytest.mark.parametrize(("latest", "achieved"), [(0.0, True), (1e-9, True), (2e-9, False)])
def test_the_tolerance_of_achieved_includes_its_edge(latest: float, achieved: bool):
    """Pins the issue #10 mutant ``>= -tol`` -> ``> -tol`` in ``_common.meets``.

    A lower-is-better target of 0 has tolerance 1e-9 * max(1, |0|) = 1e-9, and a latest
    value of 1e-9 misses it by -1 * (1e-9 - 0) = -1e-9: exactly -tol in binary floating
    point, so it is met (at or past the target within the tolerance), and 2e-9 is not.
    """
    plan = make_plan(
        [
            indicator(
                "waste",
                unit="index",
                direction="lower",
                baselines={2015: 100.0},
                targets=[target("waste_2020", "waste", "level", 0, 2020, unit="index")],
            )
        ]
    )
    tol, miss = 1e-9 * max(1.0, abs(0.0)), -1.0 * (1e-9 - 0.0)
    assert miss == -tol  # the premise: the miss of 1e-9 is exactly the tolerance
    card = evaluate(plan, obs([("waste", "CN", 2018, latest)], unit="index"))
    for method in ("growth_ratio", "unsd_gap", "trend"):
        assert (row(card, method)["status"] == "achieved") is achieved, (method, row(card, method)["status"])


# -- average annual growth: complete only in the target year -------------------------
def growth_plan(rate: float = 7.5):
    return make_plan(
        [
            indicator(
                "g",
                unit="percent_yoy",
                targets=[target("g_2020", "g", "average_annual_growth", rate, 2020, period_start=2016)],
            )
        ]
    )


def test_average_growth_met_a_year_before_the_end_is_not_yet_achieved():
    # 2016-2019 average 8 > 7.5, but 2020 is still to come
    o = obs([("g", "CN", y, 8.0) for y in range(2016, 2020)], unit="percent_yoy")
    card = evaluate(growth_plan(), o)
    assert "achieved" not in set(card["status"])
    g = row(card, "growth_ratio")
    assert g["status"] == ON and g["progress_ratio"] == pytest.approx(8 / 7.5)
    assert "plan period not complete" in g["note"]


def test_average_growth_achieved_when_the_target_year_is_in():
    o = obs([("g", "CN", y, 8.0) for y in range(2016, 2021)], unit="percent_yoy")
    card = evaluate(growth_plan(), o)
    assert set(card["status"]) == {"achieved"}
    assert "plan period not complete" not in row(card, "growth_ratio")["note"]


def test_average_growth_exactly_on_target_over_the_whole_period_is_achieved():
    o = obs([("g", "CN", y, 7.5) for y in range(2016, 2021)], unit="percent_yoy")
    assert set(evaluate(growth_plan(), o)["status"]) == {"achieved"}
    short = obs([("g", "CN", y, 7.5 if y < 2020 else 7.4) for y in range(2016, 2021)], unit="percent_yoy")
    assert "achieved" not in set(evaluate(growth_plan(), short)["status"])


def test_average_growth_ratio_thresholds():
    # mean 7.125 / 7.5 = 0.95 exactly; 4.5 / 7.5 = 0.60; 0.75 / 7.5 = 0.10
    for mean, growth, unsd in [(7.125, ON, ON), (4.5, ACC, ACC), (0.75, STAG, ACC), (0.0, STAG, STAG)]:
        o = obs([("g", "CN", y, mean) for y in range(2016, 2019)], unit="percent_yoy")
        card = evaluate(growth_plan(), o)
        assert row(card, "growth_ratio")["status"] == growth, mean
        assert row(card, "unsd_gap")["status"] == unsd, mean
