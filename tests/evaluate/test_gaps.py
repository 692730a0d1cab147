"""Honest handling of gaps: missing years, single values, breaks, proxies, units, zero/sign."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evaluate.conftest import indicator, make_plan, obs, row, target
from mic2025.evaluate import evaluate
from mic2025.evaluate.series import annualise, as_of_filter, normalise


def plan_level(**extra):
    return make_plan([indicator("bb", targets=[target("bb_2020", "bb", "level", 70, 2020)], **extra)])


def test_missing_years_use_what_exists():
    card = evaluate(
        plan_level(baselines={2015: 40.0}),
        obs([("bb", "CN", 2016, 45), ("bb", "CN", 2018, 55), ("bb", "CN", 2019, 60)]),
    )
    t = row(card, "trend")
    assert t["n_years_used"] == 3 and t["years_used"] == "2016-2019"
    g = row(card, "growth_ratio")
    assert g["progress_ratio"] == pytest.approx(((60 / 40) ** 0.25 - 1) / ((70 / 40) ** 0.2 - 1))


def test_single_observation_without_baseline():
    card = evaluate(plan_level(), obs([("bb", "CN", 2018, 55)]))
    assert set(card["status"]) == {"insufficient_data"}
    assert "no baseline" in row(card, "growth_ratio")["note"]
    assert "at least 3" in row(card, "trend")["note"]


def test_single_observation_with_plan_baseline():
    card = evaluate(plan_level(baselines={2015: 40.0}), obs([("bb", "CN", 2018, 55)]))
    assert row(card, "growth_ratio")["status"] != "insufficient_data"
    assert row(card, "trend")["status"] == "insufficient_data"


def test_no_data_gives_national_row_with_reason():
    card = evaluate(plan_level(baselines={2015: 40.0}), obs([]))
    assert list(card["area"].unique()) == ["CN"]
    assert set(card["status"]) == {"insufficient_data"}
    assert all("no observations" in n for n in card["note"])


def test_break_in_series_moves_baseline_for_level():
    o = obs(
        [("bb", "CN", 2015, 50), ("bb", "CN", 2016, 52), ("bb", "CN", 2017, 60, "B"), ("bb", "CN", 2018, 63)]
    )
    g = row(evaluate(plan_level(), o), "growth_ratio")
    assert g["baseline_year"] == 2017 and g["baseline_value"] == 60
    # (63/60 - 1) / ((70/60)^(1/3) - 1) = 0.05 / 0.05272
    assert g["progress_ratio"] == pytest.approx(0.05 / ((70 / 60) ** (1 / 3) - 1))
    assert "break in series in 2017" in g["note"]


def test_break_rebases_relative_target():
    plan = make_plan(
        [
            indicator(
                "en",
                unit="index",
                direction="lower",
                baselines={2015: 100.0},
                targets=[target("en_2020", "en", "change_from_base", -18, 2020, base_year=2015)],
            )
        ]
    )
    o = obs([("en", "CN", 2016, 97), ("en", "CN", 2017, 50, "B"), ("en", "CN", 2018, 48)], unit="index")
    g = row(evaluate(plan, o), "growth_ratio")
    # required pace kept: 50 * 0.82^((2020-2017)/(2020-2015)) on the new series
    assert g["target_value"] == pytest.approx(50 * 0.82**0.6)
    assert g["progress_ratio"] == pytest.approx((48 / 50 - 1) / (0.82**0.2 - 1))  # 1.028
    assert g["status"] == "on_track"


def test_break_after_target_year_is_ignored_for_that_target():
    o = obs([("bb", "CN", 2016, 45), ("bb", "CN", 2018, 55), ("bb", "CN", 2021, 10, "B")])
    g = row(evaluate(plan_level(baselines={2015: 40.0}), o), "growth_ratio")
    assert g["latest_period"] == "2018" and "break" not in g["note"]


def test_proxy_same_unit_is_evaluated_and_marked():
    plan = make_plan(
        [
            indicator("rd", baselines={2015: 0.95}, targets=[target("rd_2020", "rd", "level", 1.26, 2020)]),
            indicator("rd_industry", proxy_of="rd", comparable=True),
            indicator("rd_other_unit", unit="yuan", proxy_of="rd"),
            indicator("rd_hitech", proxy_of="rd"),  # same unit, other scope: not comparable
        ]
    )
    o = pd.concat(
        [
            obs([("rd_industry", "CN", 2015, 1.0), ("rd_industry", "CN", 2018, 1.2)]),
            obs([("rd_other_unit", "CN", 2018, 5.0)], unit="yuan"),
            obs([("rd_hitech", "CN", 2015, 2.0), ("rd_hitech", "CN", 2019, 2.4)]),
        ]
    )
    card = evaluate(plan, o)
    p = row(card, "growth_ratio", indicator_id="rd_industry")
    assert bool(p["proxy"]) and "proxy indicator" in p["note"] and p["metric"] == "rd"
    # proxy's own observed 2015 baseline 1.0: (1.2^(1/3)-1)/(1.26^(1/5)-1) = 0.0627/0.0473 = 1.33
    assert p["progress_ratio"] == pytest.approx((1.2 ** (1 / 3) - 1) / (1.26**0.2 - 1))
    assert p["status"] == "on_track"
    ctx = row(card, "growth_ratio", indicator_id="rd_other_unit")
    assert ctx["status"] == "not_judged" and "context only" in ctx["note"]
    assert ctx["latest_value"] == 5.0 and np.isnan(ctx["target_value"])  # no target level shown
    # 2.4 is far above the 1.26 target, but high-tech R&D is not the measure targeted
    scope = row(card, "growth_ratio", indicator_id="rd_hitech")
    assert scope["status"] == "not_judged" and "another scope" in scope["note"]
    assert np.isnan(scope["target_value"])
    parent = row(card, "growth_ratio", indicator_id="rd")
    assert not bool(parent["proxy"]) and parent["status"] == "insufficient_data"


def test_sign_flip_falls_back_to_linear():
    plan = make_plan(
        [indicator("margin", baselines={2015: 2.0}, targets=[target("m_2020", "margin", "level", 7, 2020)])]
    )
    o = obs([("margin", "CN", 2016, -1.0), ("margin", "CN", 2017, 1.0), ("margin", "CN", 2018, 3.5)])
    g = row(evaluate(plan, o), "growth_ratio")
    assert g["change_basis"] == "linear"
    assert g["progress_ratio"] == pytest.approx(((3.5 - 2) / 3) / ((7 - 2) / 5))  # 0.5
    assert g["status"] == "stagnating"


def test_wrong_unit_rows_ignored_and_noted():
    o = pd.concat(
        [
            obs([("bb", "CN", 2016, 45), ("bb", "CN", 2018, 55)]),
            obs([("bb", "CN", 2019, 0.99)], unit="share_0_1"),
        ]
    )
    g = row(evaluate(plan_level(baselines={2015: 40.0}), o), "growth_ratio")
    assert g["latest_period"] == "2018"
    assert "ignored 1 observation(s) in another unit" in g["note"]


def test_level_target_in_other_unit_is_not_compared():
    plan = make_plan(
        [
            indicator(
                "bb",
                baselines={2015: 40.0},
                targets=[target("bb_2020", "bb", "level", 0.7, 2020, unit="share_0_1")],
            )
        ]
    )
    card = evaluate(plan, obs([("bb", "CN", 2016, 45), ("bb", "CN", 2018, 55), ("bb", "CN", 2019, 60)]))
    assert set(card["status"]) == {"insufficient_data"}
    assert "target unit differs" in card["note"].iloc[0]


def test_subannual_last_period_of_year_and_annual_preferred():
    o = obs(
        [
            ("bb", "CN", "2016-Q2", 56.6),
            ("bb", "CN", "2016-Q3", 59.6),
            ("bb", "CN", "2017-03", 65.3),
            ("bb", "CN", "2017", 64.0),
            ("bb", "CN", "2017-Q3", 72.5),
        ]
    )
    clean, _ = normalise(o, {"bb": "percent"})
    annual = annualise(clean).set_index("year")["value"]
    assert annual[2016] == 59.6  # last quarter published
    assert annual[2017] == 64.0  # the annual figure wins over sub-annual ones


def test_entity_rows_are_not_mixed_into_totals():
    o = obs([("bb", "CN", 2016, 45), ("bb", "CN", 2018, 55)])
    firm = obs([("bb", "CN", 2019, 99)]).assign(entity="firm-1")
    g = row(evaluate(plan_level(baselines={2015: 40.0}), pd.concat([o, firm])), "growth_ratio")
    assert g["latest_period"] == "2018"


def test_as_of_reproduces_the_past():
    o = obs(
        [
            ("bb", "CN", 2016, 45, "A", "_T", "percent", "2017-03-01"),
            ("bb", "CN", 2018, 52, "P", "_T", "percent", "2019-03-01"),
            ("bb", "CN", 2018, 56, "A", "_T", "percent", "2020-03-01"),  # revision
            ("bb", "CN", 2019, 60, "A", "_T", "percent", "2020-02-01"),
        ]
    )
    plan = plan_level(baselines={2015: 40.0})
    then = row(evaluate(plan, o, as_of="2019-12-31"), "growth_ratio")
    assert then["latest_period"] == "2018" and then["latest_value"] == 52
    now = row(evaluate(plan, o), "growth_ratio")
    assert now["latest_period"] == "2019" and now["latest_value"] == 60
    same_day = as_of_filter(o, pd.Timestamp("2019-03-01").date())
    assert sorted(same_day["value"]) == [45, 52]  # published that day counts


def test_as_of_needs_vintages():
    with pytest.raises(ValueError, match="vintage"):
        evaluate(plan_level(), obs([("bb", "CN", 2016, 45)]).drop(columns="vintage"), as_of="2020-01-01")


def test_provinces_and_sectors_each_get_rows():
    o = obs(
        [
            ("bb", "CN-GD", 2015, 50),
            ("bb", "CN-GD", 2018, 60),
            ("bb", "CN", 2015, 40, "A", "C39"),
            ("bb", "CN", 2018, 50, "A", "C39"),
        ]
    )
    card = evaluate(plan_level(baselines={2015: 40.0}), o, methods=("growth_ratio",))
    keys = set(zip(card["area"], card["sector"], strict=True))
    assert keys == {("CN", "_T"), ("CN", "C39"), ("CN-GD", "_T")}
    c39 = card[card["sector"] == "C39"].iloc[0]
    assert c39["baseline_source"] == "observed"  # plan baselines are national totals only
    only_gd = evaluate(plan_level(), o, area="CN-GD")
    assert set(only_gd["area"]) == {"CN-GD"}
