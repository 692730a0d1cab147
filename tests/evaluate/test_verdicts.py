"""Verdict rules, each on a small case computed by hand (docs/methodology.md, "Verdicts")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evaluate.conftest import indicator, make_plan, obs, target
from mic2025.evaluate import evaluate, headline

BEFORE = "2019-06-30"  # the 2020 deadline is ahead
AFTER = "2026-12-02"  # it has passed


def _energy_plan():
    """Energy intensity, 2015 = 100, down 18 % by 2020 (the strategy's own target)."""
    return make_plan(
        [
            indicator(
                "energy",
                unit="index",
                direction="lower",
                category="green",
                baselines={2015: 100.0},
                targets=[
                    target(
                        "energy_2020", "energy", "change_from_base", -18, 2020, unit="index", base_year=2015
                    )
                ],
            )
        ]
    )


def _one(frame: pd.DataFrame, target_id: str, area: str = "CN") -> pd.Series:
    rows = frame[(frame["target"] == target_id) & (frame["area"] == area) & ~frame["proxy"].astype(bool)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_an_ended_target_is_judged_on_its_deadline_figure_with_the_share_travelled():
    o = obs([("energy", "CN", 2017, 92.0), ("energy", "CN", 2020, 84.0)], unit="index")
    h = _one(headline(evaluate(_energy_plan(), o), as_of=AFTER), "energy_2020")
    # target level 100 * (1 - 0.18) = 82; 84 is short of it; way travelled (84-100)/(82-100) = 16/18
    assert h["status"] == "not_achieved" and h["final"] and not h["provisional"]
    assert h["target_value"] == pytest.approx(82.0)
    assert h["share_travelled"] == pytest.approx(16 / 18)
    assert h["decided_by"] == "deadline figure" and h["evidence_period"] == "2020" and h["lag_years"] == 0


def test_before_the_deadline_the_methods_decide_and_a_projection_never_overrides_a_final_figure():
    o = obs(
        [("energy", "CN", 2016, 97.0), ("energy", "CN", 2017, 93.0), ("energy", "CN", 2020, 84.0)],
        unit="index",
    )
    card = evaluate(_energy_plan(), o)
    ahead = _one(headline(evaluate(_energy_plan(), o[o["period"] != "2020"]), as_of=BEFORE), "energy_2020")
    assert ahead["status"] in ("on_track", "needs_acceleration", "stagnating", "regressing")
    assert not ahead["final"]
    after = _one(headline(card, as_of=AFTER), "energy_2020")
    assert after["status"] == "not_achieved"  # whatever the methods projected


def test_an_unpublished_deadline_figure_is_not_yet_known_and_keeps_the_estimates():
    o = obs(
        [("energy", "CN", 2016, 97.0), ("energy", "CN", 2017, 93.0), ("energy", "CN", 2018, 89.0)],
        unit="index",
    )
    h = _one(headline(evaluate(_energy_plan(), o), as_of=AFTER), "energy_2020")
    assert h["status"] == "not_yet_known" and not h["final"]
    assert "not published yet" in h["note"]
    assert h["status_growth_ratio"] in ("on_track", "needs_acceleration")  # shown as an estimate
    assert h["evidence_period"] == "2018" and h["lag_years"] == 2


def test_the_as_of_date_decides_what_has_ended():
    o = obs([("energy", "CN", 2016, 97.0), ("energy", "CN", 2018, 89.0)], unit="index", vintage="2019-03-01")
    card = evaluate(_energy_plan(), o)
    assert _one(headline(card, as_of="2020-12-31"), "energy_2020")["status"] != "not_yet_known"
    assert _one(headline(card, as_of="2021-01-01"), "energy_2020")["status"] == "not_yet_known"


def test_a_figure_from_inside_the_deadline_year_gives_a_provisional_verdict():
    o = obs([("energy", "CN", 2017, 92.0), ("energy", "CN", "2020-Q2", 81.0)], unit="index")
    h = _one(headline(evaluate(_energy_plan(), o), as_of=AFTER), "energy_2020")
    assert h["status"] == "achieved" and h["provisional"] and h["evidence_period"] == "2020-Q2"


def _rd_plan(direction: str = "higher"):
    return make_plan(
        [
            indicator(
                "rd",
                direction=direction,
                baselines={2015: 0.95},
                targets=[target("rd_2020", "rd", "level", 1.26, 2020)],
            )
        ]
    )


def _with_qualifier(rows: list[tuple], qualifier: str) -> pd.DataFrame:
    frame = obs(rows)
    frame["qualifier"] = [""] * (len(frame) - 1) + [qualifier]
    return frame


@pytest.mark.parametrize(
    ("qualifier", "value", "status"),
    [
        (">", 1.26, "achieved"),  # more than 1.26 meets "1.26"
        (">=", 1.30, "achieved"),
        (">", 1.20, "not_yet_known"),  # more than 1.20 may or may not reach 1.26
        ("<", 1.20, "not_achieved"),  # less than 1.20 cannot reach 1.26
        ("<", 1.26, "not_achieved"),  # strictly less than the target
        ("<=", 1.26, "not_yet_known"),  # could be exactly 1.26
        ("<=", 1.40, "not_yet_known"),
        ("~", 1.26, "achieved"),  # "about" is read as the value, and flagged
    ],
)
def test_bounds_are_intervals_in_the_good_direction(qualifier: str, value: float, status: str):
    o = _with_qualifier([("rd", "CN", 2018, 1.10), ("rd", "CN", 2020, value)], qualifier)
    h = _one(headline(evaluate(_rd_plan(), o), as_of=AFTER), "rd_2020")
    assert h["status"] == status
    assert h["evidence_qualifier"] == qualifier
    if status == "not_yet_known":
        assert "bound" in h["note"]
    if qualifier == "~":
        assert "approximate" in h["note"]


@pytest.mark.parametrize(
    ("qualifier", "value", "status"),
    [("<", 1.26, "achieved"), (">", 1.26, "not_achieved"), (">", 1.20, "not_yet_known")],
)
def test_bounds_swap_roles_when_lower_is_better(qualifier: str, value: float, status: str):
    o = _with_qualifier([("rd", "CN", 2018, 1.10), ("rd", "CN", 2020, value)], qualifier)
    assert _one(headline(evaluate(_rd_plan("lower"), o), as_of=AFTER), "rd_2020")["status"] == status


def test_growth_methods_never_treat_a_bound_as_a_point():
    o = _with_qualifier([("rd", "CN", 2017, 1.10), ("rd", "CN", 2019, 1.60)], ">")
    card = evaluate(_rd_plan(), o)
    g = card[card["method"] == "growth_ratio"].iloc[0]
    assert g["latest_value"] == pytest.approx(1.10)  # the bound 1.60 is not the latest exact figure
    assert "bounds not used" in g["note"]


def test_projections_and_intervals_stay_inside_the_natural_range():
    plan = make_plan(
        [
            indicator(
                "bb",
                baselines={2015: 50.0},
                upper_bound=100.0,
                targets=[target("bb_2025", "bb", "level", 99.5, 2025)],
            )
        ]
    )
    rows = [("bb", "CN", y, v) for y, v in zip(range(2015, 2021), [50, 62, 71, 80, 88, 96], strict=True)]
    card = evaluate(plan, obs(rows))
    for method in ("unsd_gap", "trend"):
        r = card[card["method"] == method].iloc[0]
        assert r["projected_value"] <= 100.0, method
        assert "natural range" in r["note"], method
    trend = card[card["method"] == "trend"].iloc[0]
    assert trend["pi_high"] <= 100.0 and trend["pi_low"] >= 0.0


def test_a_trend_through_few_points_is_weak_and_never_decides_alone():
    plan = make_plan([indicator("x", targets=[target("x_2025", "x", "level", 10.0, 2025)])])
    card = evaluate(plan, obs([("x", "CN", 2019, 4.0), ("x", "CN", 2020, 5.0), ("x", "CN", 2021, 6.0)]))
    trend = card[card["method"] == "trend"].iloc[0]
    assert bool(trend["weak"]) and trend["status"] != "insufficient_data"
    # no baseline: the growth methods cannot judge, and a weak trend may not decide
    h = _one(headline(card, as_of="2022-06-30"), "x_2025")
    assert h["status"] == "insufficient_data" and h["decided_by"] == ""


def test_a_proxy_of_another_scope_is_not_judged_and_has_no_target_level():
    plan = make_plan(
        [
            indicator("rd", baselines={2015: 0.95}, targets=[target("rd_2020", "rd", "level", 1.26, 2020)]),
            indicator("rd_gdp", proxy_of="rd"),
        ]
    )
    o = obs([("rd_gdp", "CN", 2015, 2.0), ("rd_gdp", "CN", 2020, 2.4)])
    card = evaluate(plan, o)
    proxy = card[card["indicator"] == "rd_gdp"]
    assert set(proxy["status"]) == {"not_judged"} and proxy["target_value"].isna().all()
    h = headline(card, as_of=AFTER)
    assert h[h["indicator"] == "rd_gdp"]["status"].tolist() == ["not_judged"]


def test_linked_levels_follow_published_changes_of_the_same_scope_only():
    plan = make_plan(
        [
            indicator(
                "energy",
                unit="index",
                direction="lower",
                scope="s",
                baselines={2015: 100.0},
                targets=[
                    target(
                        "energy_2025", "energy", "change_from_base", -34, 2025, unit="index", base_year=2015
                    )
                ],
            ),
            indicator("energy_yoy", unit="pct_change_yoy", proxy_of="energy", scope="s"),
            indicator("energy_fyp", unit="pct_change_cum", proxy_of="energy", scope="s"),
            indicator("energy_gdp_yoy", unit="pct_change_yoy", proxy_of="energy", scope="other"),
        ],
        scopes=["s", "other"],
        unit_kinds={"index": "level", "pct_change_yoy": "change", "pct_change_cum": "change"},
    )
    o = pd.concat(
        [
            obs([("energy", "CN", 2020, 84.0)], unit="index"),
            obs([("energy_yoy", "CN", 2021, -2.0)], unit="pct_change_yoy"),
            obs([("energy_fyp", "CN", 2022, -5.0)], unit="pct_change_cum"),
            obs([("energy_gdp_yoy", "CN", 2023, -50.0)], unit="pct_change_yoy"),
        ]
    )
    card = evaluate(plan, o)
    row = card[(card["indicator"] == "energy") & (card["method"] == "growth_ratio")].iloc[0]
    # 2021: 84 x (1 - 2/100) = 82.32 (chained yearly change); 2022: 84 x (1 - 5/100) = 79.8
    # (cumulative change over the 14th plan, from 2020); the GDP-scope change is not used
    assert row["latest_period"] == "2022" and row["latest_value"] == pytest.approx(79.8)
    assert "linked estimates" in row["note"]


def test_time_elapsed_compares_the_way_travelled_with_the_time_gone():
    plan = make_plan(
        [indicator("bb", baselines={2015: 40.0}, targets=[target("bb_2020", "bb", "level", 70.0, 2020)])]
    )
    card = evaluate(plan, obs([("bb", "CN", 2016, 45.0), ("bb", "CN", 2018, 55.0)]), methods=["time_elapsed"])
    r = card.iloc[0]
    # D = (55-40)/(70-40) = 0.5; E = (2018-2015)/(2020-2015) = 0.6; R = 0.8333
    assert r["distance_share"] == pytest.approx(0.5) and r["time_share"] == pytest.approx(0.6)
    assert r["progress_ratio"] == pytest.approx(0.5 / 0.6) and r["status"] == "needs_acceleration"
    exact = evaluate(plan, obs([("bb", "CN", 2018, 58.0)]), methods=["time_elapsed"]).iloc[0]
    assert exact["progress_ratio"] == pytest.approx(1.0) and exact["status"] == "on_track"  # 0.6 / 0.6


@pytest.mark.parametrize(
    ("values", "direction", "momentum"),
    [
        ([50, 52, 54, 56], "higher", "improving"),
        ([50, 50.1, 50, 50.1], "higher", "flat"),
        ([50, 52, 54, 56], "lower", "worsening"),
    ],
)
def test_momentum_is_shown_beside_the_verdict(values, direction, momentum):
    plan = make_plan(
        [
            indicator(
                "x",
                direction=direction,
                baselines={2015: 50.0},
                targets=[target("x_2025", "x", "level", 80.0, 2025)],
            )
        ]
    )
    rows = [("x", "CN", 2020 + i, v) for i, v in enumerate(values)]
    h = _one(headline(evaluate(plan, obs(rows)), as_of="2024-06-30"), "x_2025")
    assert h["momentum"] == momentum


def test_a_momentum_of_an_old_series_is_none():
    plan = make_plan(
        [indicator("x", baselines={2010: 50.0}, targets=[target("x_2025", "x", "level", 80.0, 2025)])]
    )
    h = _one(
        headline(evaluate(plan, obs([("x", "CN", 2010, 50.0), ("x", "CN", 2012, 60.0)])), as_of=AFTER),
        "x_2025",
    )
    assert h["momentum"] == ""


def test_evidence_names_the_source_grade_and_flags_a_weak_one():
    o = obs([("energy", "CN", 2017, 92.0), ("energy", "CN", 2020, 84.0)], unit="index")
    h = _one(headline(evaluate(_energy_plan(), o), as_of=AFTER, grades={"test": "weak"}), "energy_2020")
    assert h["evidence_source"] == "test" and h["evidence_grade"] == "weak" and bool(h["weak_source"])
    assert h["n_points"] == 2


def test_the_baseline_is_never_shown_as_the_latest_figure():
    plan = make_plan(
        [indicator("rd", baselines={2015: 0.95}, targets=[target("rd_2025", "rd", "level", 1.68, 2025)])]
    )
    h = _one(headline(evaluate(plan, obs([("rd", "CN", 2015, 0.95)])), as_of=AFTER), "rd_2025")
    assert h["status"] == "not_yet_known" and np.isnan(h["evidence_value"])
