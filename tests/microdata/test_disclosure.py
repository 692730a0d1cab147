"""Primary and secondary suppression; no suppressed cell can be recovered by subtraction."""

from __future__ import annotations

from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest

from mic2025.microdata.aggregate import Options, aggregate_table
from mic2025.microdata.disclosure import (
    FREE,
    PRIMARY,
    SECONDARY,
    DisclosureRules,
    line_equations,
    primary_mask,
    suppress,
)

from .helpers import records, write


def recoverable(status: np.ndarray, n: np.ndarray) -> list[tuple[int, ...]]:
    """Independent attacker: suppressed cells whose sums follow from the published margins.

    Unknowns are the suppressed non-empty cells; each additive line (children sum to the
    total at index 0, along every axis) is an equation.  Cell k is determined iff deleting
    it is a combination of the equations: e_k lies in the row space of the system, i.e.
    the least-squares solution of Aᵀy = e_k leaves no residual (all k in one solve).
    """
    unknown = np.flatnonzero((status != FREE) & (n > 0))
    if unknown.size == 0:
        return []
    pos = {int(c): i for i, c in enumerate(unknown)}
    rows = []
    for line in line_equations(status.shape, range(status.ndim)):
        coef = np.zeros(unknown.size)
        for j, cell in enumerate(line):
            if int(cell) in pos:
                coef[pos[int(cell)]] = -1.0 if j == 0 else 1.0
        if coef.any():
            rows.append(coef)
    if not rows:
        return []
    a = np.array(rows)
    eye = np.eye(unknown.size)
    y = np.linalg.lstsq(a.T, eye, rcond=None)[0]
    residual = np.abs(a.T @ y - eye).max(axis=0)
    return [np.unravel_index(int(c), status.shape) for c in unknown[residual < 1e-8]]


def test_primary_threshold_and_dominance() -> None:
    rules = DisclosureRules(min_units=3, dominance=0.6)
    n = np.array([2, 3, 3, 5])
    num = np.array([10.0, 10.0, 10.0, 10.0])
    den = np.array([100.0, 100.0, 100.0, 100.0])
    max_num = np.array([1.0, 5.0, 7.0, 2.0])  # cell 2: one enterprise has 70 % of R&D
    max_den = np.array([1.0, 50.0, 10.0, 61.0])  # cell 3: one has 61 % of revenue
    assert primary_mask(n, num, den, max_num, max_den, rules).tolist() == [True, False, True, True]


def test_lone_suppression_in_a_line_takes_the_next_smallest() -> None:
    # one year, one breakdown: [total, a, b, c, d]; a has 2 enterprises -> primary
    n = np.array([[14, 2, 4, 3, 5]])
    den = np.array([[100.0, 10, 40, 20, 30]])
    status = suppress(n, den / 10, den, den / 100, den / 100, DisclosureRules())
    # total - (b + c + d) would give a; c is the smallest other cell (20 < 30 < 40)
    assert status.tolist() == [[FREE, PRIMARY, FREE, SECONDARY, FREE]]
    assert recoverable(status[0], n[0]) == []
    # the attacker does find a lone suppression, and a 'bridge' between two rectangles
    assert recoverable(np.array([FREE, PRIMARY, FREE, FREE, FREE]), n[0]) == [(1,)]
    bridge = np.full((5, 5), FREE, dtype=object)
    for cell in [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (3, 4), (4, 3), (4, 4), (1, 3)]:
        bridge[cell] = PRIMARY
    assert recoverable(bridge, np.ones((5, 5))) == [(1, 3)]


@pytest.mark.parametrize("seed", range(25))
def test_random_tables_have_no_recoverable_cell(seed: int) -> None:
    """2-d and 3-d tables with margins, random thin cells: the audit must leave no gap."""
    rng = np.random.default_rng(seed)
    shape = (1, 6, 5) if seed % 2 else (1, 4, 4, 3)
    inner = rng.choice(
        [0, 1, 2, 3, 5, 8, 30], size=[s - 1 for s in shape[1:]], p=[0.15, 0.15, 0.15, 0.1, 0.15, 0.15, 0.15]
    )
    # add margins: index 0 of each axis is the sum over the others
    full = inner
    for axis in range(full.ndim):
        full = np.concatenate([full.sum(axis=axis, keepdims=True), full], axis=axis)
    n = full[None].astype(float)
    den = n * rng.uniform(1, 10) + (n > 0)
    status = suppress(n, den, den, den * 0.1, den * 0.1, DisclosureRules())
    assert (status[(n > 0) & (n < 3)] == PRIMARY).all()
    assert recoverable(status[0], n[0]) == []


def test_aggregate_output_has_no_recoverable_cell(small_panel: Path) -> None:
    table = ibis.duckdb.connect().read_parquet(str(small_panel))
    res = aggregate_table(table, "area,sector,year")
    assert (res["confidentiality"] == PRIMARY).any() and (res["confidentiality"] == SECONDARY).any()
    hidden = res[res["confidentiality"] != FREE]
    assert hidden[["value", "std_error", "ci_low", "ci_high"]].isna().all().all()
    assert hidden["n_units"].isna().all()
    for (_, _), part in res.groupby(["indicator", "period"]):
        areas = ["CN", *sorted(set(part["area"]) - {"CN"})]
        sectors = ["_T", *sorted(set(part["sector"]) - {"_T"})]
        status = np.full((len(areas), len(sectors)), FREE, dtype=object)
        present = np.zeros(status.shape)
        for row in part.itertuples():
            i, j = areas.index(row.area), sectors.index(row.sector)
            status[i, j] = row.confidentiality
            present[i, j] = 1
        # every line: never exactly one suppressed cell ...
        for axis in (0, 1):
            hidden_count = ((status != FREE) & (present > 0)).sum(axis=axis)
            assert not (hidden_count == 1).any()
        # ... and nothing recoverable from the whole system of margins
        assert recoverable(status, present) == []


def test_min_units_is_configurable(tmp_path: Path) -> None:
    rows = [
        dict(
            enterprise_id=i,
            province="CN-GD" if i < 4 else "CN-JS",
            industry="C39",
            revenue=100.0 * i,
            rd_expenditure=float(i),
        )
        for i in range(1, 9)
    ]
    table = ibis.duckdb.connect().read_parquet(str(write(records(rows), tmp_path / "r.parquet")))

    def status(min_units: int) -> pd.Series:
        opts = Options(groups=2, rules=DisclosureRules(min_units=min_units, dominance=1.0))
        res = aggregate_table(table, "area,year", options=opts)
        return res[res.indicator == "rd_intensity"].set_index("area")["confidentiality"]

    assert status(3).to_dict() == {"CN": FREE, "CN-GD": FREE, "CN-JS": FREE}
    # GD has 3 enterprises: primary at 4; then JS would be CN minus GD -> secondary
    assert status(4).to_dict() == {"CN": FREE, "CN-GD": PRIMARY, "CN-JS": SECONDARY}


# -- the exact audit, on tables where the line rule alone leaves a cell recoverable ------
def _lines(shape: tuple[int, ...]) -> list[list[tuple[int, ...]]]:
    """Every additive line [total, children...] of a table with margins at index 0,
    enumerated here with itertools (not with the module's ``line_equations``)."""
    import itertools

    out = []
    for axis in range(len(shape)):
        others = [range(s) for k, s in enumerate(shape) if k != axis]
        for fixed in itertools.product(*others):
            cells = []
            for i in range(shape[axis]):
                cell = list(fixed)
                cell.insert(axis, i)
                cells.append(tuple(cell))
            out.append(cells)
    return out


def determined(hidden: np.ndarray) -> list[tuple[int, ...]]:
    """Hidden cells that follow from the published ones: rank([A; e_k]) == rank(A)."""
    unknowns = [tuple(int(i) for i in c) for c in np.argwhere(hidden)]
    pos = {c: k for k, c in enumerate(unknowns)}
    a = []
    for line in _lines(hidden.shape):
        coef = np.zeros(len(unknowns))
        for j, cell in enumerate(line):
            if cell in pos:
                coef[pos[cell]] = -1.0 if j == 0 else 1.0
        if coef.any():
            a.append(coef)
    a = np.array(a)
    rank = np.linalg.matrix_rank(a)
    eye = np.eye(len(unknowns))
    return [c for c, k in pos.items() if np.linalg.matrix_rank(np.vstack([a, eye[k]])) == rank]


def _table(primary: list[tuple[int, int]], shape=(5, 5)) -> tuple[np.ndarray, ...]:
    """One year: interior cells of 10 enterprises, those in ``primary`` of 1; margins summed."""
    inner = np.full((shape[0] - 1, shape[1] - 1), 10.0)
    for r, c in primary:
        inner[r - 1, c - 1] = 1.0
    full = np.vstack([inner.sum(axis=0, keepdims=True), inner])
    full = np.hstack([full.sum(axis=1, keepdims=True), full])
    n = full[None]
    den = n * 100.0
    return n, den, den, den / 100, den / 100  # no enterprise dominates


BRIDGE = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (3, 4), (4, 3), (4, 4), (1, 3)]
"""Two suppressed rectangles and a cell joining them: every line holds two or more
suppressed cells, so the line rule is satisfied, yet x13 = r1 - (c1 + c2 - r2) follows
exactly, with r_i and c_j the row and column totals less their published cells."""


def test_the_bridge_cell_is_recoverable_without_the_audit() -> None:
    hidden = np.zeros((5, 5), bool)
    for cell in BRIDGE:
        hidden[cell] = True
    assert determined(hidden) == [(1, 3)]
    counts = [sum(hidden[c] for c in line) for line in _lines((5, 5))]
    assert 1 not in counts  # nothing for the line rule to do


def test_audit_protects_the_bridge_through_its_column() -> None:
    status = suppress(*_table(BRIDGE), DisclosureRules())[0]
    assert sorted(map(tuple, np.argwhere(status == PRIMARY).tolist())) == sorted(BRIDGE)
    # column 3 holds (1,3), (3,3), (4,3); its only free child (2,3) is suppressed
    assert [tuple(c) for c in np.argwhere(status == SECONDARY).tolist()] == [(2, 3)]
    assert determined(status != FREE) == []


def test_without_the_audit_limit_the_bridge_stays_exposed() -> None:
    """The audit is skipped above ``audit_limit`` suppressed cells: then only the line rule runs."""
    status = suppress(*_table(BRIDGE), DisclosureRules(audit_limit=8))[0]
    assert not (status == SECONDARY).any()
    assert determined(status != FREE) == [(1, 3)]
    status = suppress(*_table(BRIDGE), DisclosureRules(audit_limit=9))[0]  # 9 cells: audited
    assert [tuple(c) for c in np.argwhere(status == SECONDARY).tolist()] == [(2, 3)]


def test_three_dimensional_table_is_audited() -> None:
    """The bridge repeated in two layers of a third breakdown, whose margin is their sum."""
    n2, *_ = _table(BRIDGE)
    layer = n2[0]
    n = np.stack([2 * layer, layer, layer])[None]  # axis 1: margin, layer a, layer b
    den = n * 100.0
    status = suppress(n, den, den, den / 100, den / 100, DisclosureRules())[0]
    assert (status[1:][:, layer == 1] == PRIMARY).all()
    assert determined(status != FREE) == []
    assert (status == SECONDARY).any()


def test_secondary_can_be_switched_off() -> None:
    status = suppress(*_table([(1, 1)]), DisclosureRules(secondary=False))[0]
    assert [tuple(c) for c in np.argwhere(status != FREE).tolist()] == [(1, 1)]


def test_lone_cell_in_a_2d_table_takes_the_smallest_partners() -> None:
    # (1,1) alone: row 1 and column 1 each need a partner, then the new cells' lines too
    n, num, den, mx, md = _table([(1, 1)])
    den[0, 1, 2] = 500.0  # (1,2) is the cheapest partner in row 1
    den[0, 3, 1] = 400.0  # (3,1) the cheapest in column 1
    status = suppress(n, num, den, mx, md, DisclosureRules())[0]
    assert status[1, 1] == PRIMARY
    hidden = {tuple(c) for c in np.argwhere(status == SECONDARY).tolist()}
    assert {(1, 2), (3, 1)} <= hidden
    assert determined(status != FREE) == []


@pytest.mark.parametrize(
    ("n", "max_num", "max_den", "den", "primary"),
    [
        (3, 1.0, 1.0, 100.0, False),  # exactly min_units enterprises: published
        (2, 1.0, 1.0, 100.0, True),
        (5, 85.0, 1.0, 100.0, False),  # exactly 85 % of the numerator: published
        (5, 85.01, 1.0, 100.0, True),
        (5, 1.0, 85.0, 100.0, False),  # exactly 85 % of the denominator
        (5, 1.0, 85.01, 100.0, True),
        (5, 0.0, 0.0, 0.0, True),  # no denominator: no value to publish
    ],
)
def test_primary_rules_at_their_thresholds(n, max_num, max_den, den, primary) -> None:
    num = 100.0 if den else 0.0
    got = primary_mask(
        np.array([n]),
        np.array([num]),
        np.array([den]),
        np.array([max_num]),
        np.array([max_den]),
        DisclosureRules(),
    )
    assert got.tolist() == [primary]
