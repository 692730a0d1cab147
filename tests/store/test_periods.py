"""Periods of mixed frequency order by the last month they cover."""

from __future__ import annotations

import ibis

from mic2025.store.periods import latest_period, period_end_month


def test_period_end_month_orders_annual_after_its_quarters() -> None:
    t = ibis.memtable({"period": ["2016", "2016-Q2", "2016-06", "2016-Q4", "2017-01"]})
    got = t.mutate(end=period_end_month(t.period)).execute()["end"].tolist()
    # 2016 → 2016*12+12; Q2 → +6; June → +6; Q4 → +12; 2017-01 → 2017*12+1
    assert got == [24204, 24198, 24198, 24204, 24205]


def test_latest_period_per_group() -> None:
    t = ibis.memtable(
        {
            "indicator": ["a", "a", "a", "b"],
            "period": ["2016-Q3", "2016", "2015", "2014"],
            "value": [1.0, 2.0, 3.0, 4.0],
        }
    )
    got = latest_period(t, ["indicator"]).order_by("indicator").execute()
    assert got["period"].tolist() == ["2016", "2014"]
    assert got["value"].tolist() == [2.0, 4.0]
