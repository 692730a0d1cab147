"""Which stored figure is *the* figure: the rule every read, evaluation and report uses.

Written as Ibis expressions so the same rule runs on DuckDB and PostgreSQL.  For each
figure (indicator, area, sector, entity, period), among the rows published on or
before ``as_of``:

1. the best-graded source wins (official primary publication, then an official
   reprint, then a secondary report, then a source of weak provenance; a source
   without a grade counts as secondary), so a weak source never decides a figure
   when a stronger one gives it;
2. among sources of the same grade, the latest vintage wins (a revision replaces
   what it revises);
3. a tie between rows published the same day goes to the later batch, then to the
   source id, so the choice is deterministic.

Every other row stays stored and visible (``all_vintages``; ``observations
--conflicts``): nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from mic2025.store.schema import SERIES_KEY

GRADES: tuple[str, ...] = ("official_primary", "official_reprint", "secondary", "weak")
"""Source grades, strongest first (``sources.grade``)."""
UNGRADED_RANK = GRADES.index("secondary")


def in_force(
    observations: ir.Table,
    batches: ir.Table,
    as_of: dt.date | None,
    *,
    sources: ir.Table | None = None,
    per_source: bool = False,
) -> ir.Table:
    """One row per figure (per source if ``per_source``): the one in force at ``as_of``.

    Without ``sources`` the grade step is skipped (every source ranks alike).
    """
    rows = observations
    if as_of is not None:
        rows = rows.filter(rows.vintage <= ibis.literal(as_of, type="date"))
    columns = rows.columns
    loaded = batches.select(_batch_id=batches.id, _loaded_at=batches.loaded_at)
    rows = rows.left_join(loaded, rows.batch == loaded._batch_id).select(*columns, "_loaded_at")
    if sources is not None:
        grades = sources.select(_source_id=sources.id, _grade=sources.grade)
        rows = rows.left_join(grades, rows.source == grades._source_id).select(
            *columns, "_loaded_at", "_grade"
        )
        rank = rows._grade.substitute(dict(zip(GRADES, range(len(GRADES)), strict=True)), else_=UNGRADED_RANK)
    else:
        rank = ibis.literal(UNGRADED_RANK)
    rows = rows.mutate(_grade_rank=rank)
    keys = [*SERIES_KEY, "source"] if per_source else list(SERIES_KEY)
    window = ibis.window(
        group_by=[rows[c] for c in keys],
        order_by=[
            rows._grade_rank,
            ibis.desc(rows.vintage),
            ibis.desc(rows._loaded_at),
            ibis.desc(rows.source),
        ],
    )
    ranked = rows.mutate(_rank=ibis.row_number().over(window))
    return ranked.filter(ranked._rank == 0).select(*columns)
