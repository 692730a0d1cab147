"""Property tests: monotone in the latest value, order-free, unit-respecting."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evaluate.conftest import indicator, make_plan, obs, target
from mic2025.evaluate import evaluate, headline
from mic2025.evaluate.status import STATUS_RANK
from profiles import examples

KINDS = ["level", "change_from_base", "pp_change", "count", "share", "average_annual_growth"]

SETTINGS = settings(max_examples=examples(30))
FEW = settings(max_examples=examples(8))


@st.composite
def cases(draw):
    kind = draw(st.sampled_from(KINDS))
    direction = draw(st.sampled_from(["higher", "lower"]))
    limit = kind in ("share", "level") and direction == "higher" and draw(st.booleans())
    years = sorted(draw(st.sets(st.integers(2013, 2020), min_size=1, max_size=8)))
    hi = 99.0 if limit else 150.0
    value = st.one_of(st.floats(0.5, hi), st.sampled_from([0.0, -2.0, 1.0]))
    values = [draw(value) for _ in years]
    raw = draw(st.floats(-40, 90)) if kind in ("change_from_base", "pp_change") else draw(st.floats(0.5, hi))
    extra = {}
    if kind in ("change_from_base", "pp_change"):
        extra["base_year"] = 2015
    if kind == "average_annual_growth":
        extra["period_start"] = 2016
    baselines = {2015: draw(st.floats(0.5, hi))} if draw(st.booleans()) else {}
    ind = indicator(
        "x",
        direction=direction,
        baselines=baselines,
        targets=[target("x_t", "x", kind, raw, 2020, **extra)],
        **({"upper_bound": 100.0} if limit else {}),
    )
    delta = draw(st.floats(0.01, 50))
    return make_plan([ind]), years, values, direction, delta


def _zero_base_case():
    """Found by a random run: change_from_base, no plan baseline, one 2015 value.

    A value of 0.0 gave ``achieved`` and the better -8.51 ``insufficient_data``: a
    relative change from a baseline of zero (or below) is undefined, so neither can
    be judged."""
    ind = indicator(
        "x",
        direction="lower",
        targets=[target("x_t", "x", "change_from_base", 50.0, 2020, base_year=2015)],
    )
    return make_plan([ind]), [2015], [0.0], "lower", 8.51


@SETTINGS
@given(cases())
@example(_zero_base_case())
def test_better_latest_value_never_worse_status(case):
    plan, years, values, direction, delta = case
    better = list(values)
    better[-1] = values[-1] + (delta if direction == "higher" else -delta)
    a = evaluate(plan, obs([("x", "CN", y, v) for y, v in zip(years, values, strict=True)]))
    b = evaluate(plan, obs([("x", "CN", y, v) for y, v in zip(years, better, strict=True)]))
    for frame_a, frame_b in ((a, b), (headline(a), headline(b))):
        for sa, sb in zip(frame_a["status"], frame_b["status"], strict=True):
            if sa == "insufficient_data" or sb == "insufficient_data":
                # data sufficiency never depends on the value, except that a value
                # past the target is achieved whether or not a ratio can be formed
                assert sa == sb or (sa == "insufficient_data" and sb == "achieved")
                continue
            assert STATUS_RANK[sb] >= STATUS_RANK[sa], (sa, sb)


def _rich_obs(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for area in ("CN", "CN-GD", "CN-BJ"):
        for sector in ("_T", "C39"):
            for y in range(2014, 2021):
                rows.append(("bb", area, y, float(rng.uniform(30, 90)), "A", sector))
            rows.append(("bb", area, "2019-Q2", float(rng.uniform(30, 90)), "A", sector))
            rows.append(
                ("bb", area, "2017", float(rng.uniform(30, 90)), "B", sector, "percent", "2018-01-01")
            )
    return obs(rows)


@FEW
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_reordering_rows_changes_nothing(seed, rnd):
    plan = make_plan(
        [indicator("bb", baselines={2015: 40.0}, targets=[target("bb_2020", "bb", "level", 70, 2020)])]
    )
    o = _rich_obs(seed)
    order = list(range(len(o)))
    rnd.shuffle(order)
    shuffled = o.iloc[order][list(reversed(o.columns))]
    pd.testing.assert_frame_equal(evaluate(plan, o), evaluate(plan, shuffled))


@FEW
@given(st.integers(0, 10_000), st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=5))
def test_rows_in_another_unit_do_not_count(seed, junk):
    plan = make_plan(
        [indicator("bb", baselines={2015: 40.0}, targets=[target("bb_2020", "bb", "level", 70, 2020)])]
    )
    o = _rich_obs(seed)
    extra = obs([("bb", "CN", 2016 + i % 5, v) for i, v in enumerate(junk)], unit="share_0_1")
    a = evaluate(plan, o)
    b = evaluate(plan, pd.concat([o, extra], ignore_index=True))
    pd.testing.assert_frame_equal(a.drop(columns="note"), b.drop(columns="note"))
    assert b["note"].str.contains("another unit").any()
