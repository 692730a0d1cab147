"""Every column a method writes besides its status, for one case of each situation: the
note (exact text), the basis of the annual change, the required and actual change, the
years used, and who decided.  Expected figures are worked out next to each case."""

from __future__ import annotations

import math

import pytest

from evaluate.conftest import indicator, make_plan, obs, row, target
from mic2025.evaluate import DEFAULT_METHODS, evaluate

METHODS = ("growth_ratio", "unsd_gap", "trend")
WEAK = "weak evidence: trend through fewer than 5 values, not deciding"
"""The trend's note when it reports a line through 3 or 4 values (shown, never deciding)."""
LINE = [("x", "CN", 2016, 45), ("x", "CN", 2017, 50), ("x", "CN", 2018, 55)]


def level_plan(**extra):
    return make_plan([indicator("x", targets=[target("x_2020", "x", "level", 70, 2020)], **extra)])


def columns(card, method: str) -> tuple:
    r = row(card, method)
    return r["change_basis"], r["years_used"], r["n_years_used"], r["decided_by"], r["note"]


def test_plain_case_has_no_note():
    card = evaluate(level_plan(baselines={2015: 40.0}), obs(LINE))
    assert columns(card, "growth_ratio") == ("cagr", "2015-2018", 2, "growth_ratio", "")
    assert columns(card, "unsd_gap") == ("cagr", "2015-2018", 2, "unsd_gap", "")
    assert columns(card, "trend") == ("linear_trend", "2016-2018", 3, "trend", WEAK)
    for method in ("growth_ratio", "unsd_gap"):
        r = row(card, method)
        assert r["required_annual_change"] == pytest.approx(100 * ((70 / 40) ** (1 / 5) - 1))  # 11.84 %
        assert r["actual_annual_change"] == pytest.approx(100 * ((55 / 40) ** (1 / 3) - 1))  # 11.20 %
    t = row(card, "trend")
    assert t["required_annual_change"] == pytest.approx((70 - 40) / (2020 - 2015))  # 6 a year
    assert t["actual_annual_change"] == pytest.approx(5.0)  # the fitted slope


def test_distance_to_the_natural_limit():
    card = evaluate(level_plan(baselines={2015: 40.0}, upper_bound=100.0), obs(LINE))
    g = row(card, "growth_ratio")
    assert columns(card, "growth_ratio") == (
        "cagr_distance_to_limit", "2015-2018", 2, "growth_ratio",
        "natural limit: growth measured on distance to upper bound",
    )  # fmt: skip
    assert g["required_annual_change"] == pytest.approx(100 * ((30 / 60) ** (1 / 5) - 1))  # -12.94 %
    assert g["actual_annual_change"] == pytest.approx(100 * ((45 / 60) ** (1 / 3) - 1))  # -9.14 %
    # the UNSD method projects the level itself (55 -> 68.0 < 100: no cap)
    assert columns(card, "unsd_gap")[0] == "cagr" and row(card, "unsd_gap")["note"] == ""


def test_zero_baseline_falls_back_to_absolute_change():
    x = indicator("x", baselines={2015: 0.0}, targets=[target("x_2020", "x", "level", 100, 2020)])
    plan = make_plan([x])
    card = evaluate(plan, obs([("x", "CN", 2016, 10.0)]))
    assert columns(card, "growth_ratio") == (
        "linear", "2015-2016", 2, "growth_ratio",
        "growth rate undefined (zero/negative value or target at limit): linear absolute-change ratio",
    )  # fmt: skip
    assert columns(card, "unsd_gap") == (
        "linear",
        "2015-2016",
        2,
        "unsd_gap",
        "growth rate undefined (zero/negative value): linear projection",
    )
    for method in ("growth_ratio", "unsd_gap"):
        r = row(card, method)
        assert r["required_annual_change"] == pytest.approx(100 / 5)  # 0 -> 100 over 2015-2020
        assert r["actual_annual_change"] == pytest.approx(10.0)


def test_no_baseline():
    card = evaluate(level_plan(), obs(LINE))
    for method in ("growth_ratio", "unsd_gap"):
        r = row(card, method)
        assert r["status"] == "insufficient_data" and r["decided_by"] == "data check"
        assert r["note"] == "no baseline value for the base year"
        assert math.isnan(r["progress_ratio"]) and math.isnan(r["projected_value"])
    t = row(card, "trend")
    assert t["note"] == "no baseline: gap measured from first year of the window; " + WEAK
    assert t["required_annual_change"] == pytest.approx((70 - 45) / (2020 - 2016))  # 6.25 from 2016
    assert t["progress_ratio"] == pytest.approx((65 - 45) / (70 - 45))  # line reaches 65 in 2020


def test_only_the_base_year_observed():
    card = evaluate(level_plan(baselines={2015: 40.0}), obs([("x", "CN", 2015, 45)]))
    for method in ("growth_ratio", "unsd_gap"):
        r = row(card, method)
        assert (r["status"], r["note"]) == ("insufficient_data", "no observation after the base year")
        assert r["n_years_used"] == 0
    t = row(card, "trend")
    assert (t["status"], t["note"]) == ("insufficient_data", "trend needs at least 3 annual values")
    assert t["n_years_used"] == 1 and math.isnan(t["projected_value"]) and math.isnan(t["prob_meet"])


def test_only_the_base_year_observed_has_no_annual_change():
    """Growth from 2015 to 2015 divides by zero years: the figure is undefined, not inf."""
    card = evaluate(level_plan(baselines={2015: 40.0}), obs([("x", "CN", 2015, 45)]))
    for method in ("growth_ratio", "unsd_gap"):
        assert not math.isinf(row(card, method)["actual_annual_change"]), method


def test_target_already_met_at_the_base_year():
    # baseline 75 is past the target 70; the series then falls to 65: regressing
    o = obs([("x", "CN", 2016, 69), ("x", "CN", 2017, 68), ("x", "CN", 2018, 65)])
    card = evaluate(level_plan(baselines={2015: 75.0}), o)
    for method in ("growth_ratio", "unsd_gap"):
        r = row(card, method)
        assert (r["status"], r["note"]) == ("regressing", "target already met at base year")
        assert r["required_annual_change"] == pytest.approx(100 * ((70 / 75) ** (1 / 5) - 1))
        assert r["actual_annual_change"] == pytest.approx(100 * ((65 / 75) ** (1 / 3) - 1))
    assert math.isnan(row(card, "unsd_gap")["progress_ratio"])  # no share of a gap already closed
    t = row(card, "trend")
    assert (t["status"], t["note"]) == ("regressing", WEAK + "; target already met at reference year")
    assert t["actual_annual_change"] == pytest.approx(-2.0)  # slope of 69, 68, 65
    assert math.isnan(t["progress_ratio"])


def growth_plan():
    return make_plan(
        [
            indicator(
                "g",
                unit="percent_yoy",
                targets=[target("g_2020", "g", "average_annual_growth", 7.5, 2020, period_start=2016)],
            )
        ]
    )


def test_average_growth_so_far():
    o = obs([("g", "CN", y, 6.0 + y - 2016) for y in (2016, 2017, 2018)], "percent_yoy")
    card = evaluate(growth_plan(), o)
    assert columns(card, "growth_ratio") == (
        "mean_growth",
        "2016-2018",
        3,
        "growth_ratio",
        "plan period not complete: mean growth so far",
    )
    assert columns(card, "unsd_gap") == (
        "mean_growth",
        "2016-2018",
        3,
        "unsd_gap",
        "plan period not complete: current mean growth projected",
    )
    assert columns(card, "trend") == ("trend_mean_growth", "2016-2018", 3, "trend", WEAK)
    for method in METHODS:
        r = row(card, method)
        assert (r["required_annual_change"], r["actual_annual_change"]) == (7.5, 7.0)
    assert row(card, "unsd_gap")["projected_value"] == 7.0  # the current pace continues


def test_average_growth_without_a_value_in_the_period():
    card = evaluate(growth_plan(), obs([("g", "CN", 2014, 8.0), ("g", "CN", 2015, 8.0)], "percent_yoy"))
    for method in ("growth_ratio", "unsd_gap"):
        r = row(card, method)
        assert (r["status"], r["note"], r["years_used"]) == (
            "insufficient_data",
            "no growth observation in the plan period",
            "",
        )
    assert row(card, "trend")["note"] == "trend needs at least 3 annual values"


def test_relative_target_without_a_baseline_has_no_level():
    plan = make_plan(
        [
            indicator(
                "e",
                unit="index",
                direction="lower",
                targets=[target("e_2020", "e", "change_from_base", -18, 2020, base_year=2015)],
            )
        ]
    )
    card = evaluate(plan, obs([("e", "CN", y, 100 - 2 * (y - 2016)) for y in (2016, 2017, 2018)], "index"))
    t = row(card, "trend")
    assert (t["status"], t["note"]) == ("insufficient_data", "target level unknown (no baseline)")
    for method in ("growth_ratio", "unsd_gap"):
        assert row(card, method)["note"] == "no baseline value for the base year"


def test_projection_exactly_on_the_target_meets_it_with_certainty():
    # 60, 70, 80 on 2016-2018: a perfect line reaching exactly 100 in 2020, no residual
    x = indicator("x", baselines={2015: 50.0}, targets=[target("x_2020", "x", "level", 100, 2020)])
    t = row(evaluate(make_plan([x]), obs([("x", "CN", 2016 + k, 60.0 + 10 * k) for k in range(3)])), "trend")
    assert t["projected_value"] == 100.0 and t["pi_low"] == 100.0 and t["pi_high"] == 100.0
    assert t["prob_meet"] == 1.0
    assert t["progress_ratio"] == 1.0 and t["status"] == "on_track"


@pytest.mark.parametrize(
    "case",
    ["zero_base", "base_year_only", "no_data", "flat_line", "perfect_line", "growth", "no_baseline", "limit"],
)
def test_no_numpy_warnings_on_gaps_zeros_and_exact_lines(case: str):
    """Divisions by zero years, zero baselines and zero residuals are expected and handled:
    none of them may reach the user as a RuntimeWarning."""
    import warnings

    zero = indicator("x", baselines={2015: 0.0}, targets=[target("t", "x", "level", 9, 2020)])
    cases = {
        "zero_base": (make_plan([zero]), [("x", "CN", 2016, 1.0)]),
        "base_year_only": (level_plan(baselines={2015: 40.0}), [("x", "CN", 2015, 45)]),
        "no_data": (level_plan(baselines={2015: 40.0}), []),
        "flat_line": (level_plan(baselines={2015: 40.0}), [("x", "CN", y, 40.0) for y in (2016, 2017, 2018)]),
        "perfect_line": (level_plan(baselines={2015: 40.0}), LINE),
        "growth": (growth_plan(), [("g", "CN", y, 7.0) for y in (2016, 2017, 2018)]),
        "no_baseline": (level_plan(), [("x", "CN", 2016, 45), ("x", "CN", 2017, 45)]),
        "limit": (level_plan(baselines={2015: 40.0}, upper_bound=70.0), [("x", "CN", 2016, 69.0)]),
    }  # fmt: skip
    plan, rows = cases[case]
    unit = "percent_yoy" if case == "growth" else "percent"
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        card = evaluate(plan, obs(rows, unit=unit))
    assert len(card) == len(DEFAULT_METHODS)
