"""Order periods of mixed frequency: an annual figure counts as the end of its year.

'2016' > '2016-Q3' > '2016-06' in time even though not as strings, so latest-value queries
sort on the last month a period covers (year × 12 + month), computed in the database.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir


def period_end_month(period: ir.StringValue) -> ir.IntegerValue:
    """Months since year 0 at the end of the period: 2016 → 2016*12+12, 2016-Q2 → +6."""
    year = period.substr(0, 4).cast("int64")
    rest = period.substr(5)
    quarter = rest.substr(1).try_cast("int64") * 3
    month = rest.try_cast("int64")
    end = ibis.cases(
        (period.length() == 4, ibis.literal(12, "int64")),
        (rest.startswith("Q"), quarter),
        else_=month,
    )
    return year * 12 + end


def latest_period(rows: ir.Table, by: list[str]) -> ir.Table:
    """For each group, the row of its most recent period."""
    ordered = rows.mutate(_end=period_end_month(rows.period))
    window = ibis.window(group_by=[ordered[c] for c in by], order_by=ibis.desc(ordered._end))
    ranked = ordered.mutate(_rank=ibis.row_number().over(window))
    return ranked.filter(ranked._rank == 0).drop("_rank", "_end")
