"""Statistical disclosure control of micro-aggregates: primary and secondary cell suppression.

Primary rules (per indicator and cell):

* **threshold** — fewer than ``min_units`` enterprises in the indicator's population;
* **dominance** — one enterprise contributes more than ``dominance`` of the cell's weighted
  numerator or denominator (Σ w·num, Σ w·den): publishing the cell would publish, nearly,
  that enterprise's own figure.

Secondary rule: published cells are additive in their numerators and denominators along
every breakdown (provinces add up to ``CN``, divisions to ``_T``, size classes to ``_T``),
so a user who knows the sums of the published cells of a line and its total can get a lone
suppressed cell by subtraction.  Hence, in every line (the cells varying along one breakdown
with all other keys fixed, plus their total), if exactly one cell is suppressed, the
published cell with the smallest denominator is suppressed too (the total only if no other
cell is left).  Lines interact (a cell lies on one line per breakdown), so this repeats
until stable, and then an exact audit solves the linear system of all lines: any suppressed
cell still determined (e.g. a "bridge" between two suppressed rectangles) makes one more
cell of its line suppressed, and the loop starts again.

Cells with no enterprise at all are known zeros: they are neither published nor unknowns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FREE, PRIMARY, SECONDARY = "F", "C", "D"
"""SDMX CONF_STATUS codes: free, confidential (primary), secondary confidentiality."""


@dataclass(frozen=True)
class DisclosureRules:
    """Thresholds of the primary rules and switches of the secondary ones."""

    min_units: int = 3
    dominance: float = 0.85
    secondary: bool = True
    audit_limit: int = 6000  # largest number of suppressed cells of one table the exact audit solves


def primary_mask(
    n: np.ndarray,
    num: np.ndarray,
    den: np.ndarray,
    max_num: np.ndarray,
    max_den: np.ndarray,
    rules: DisclosureRules,
) -> np.ndarray:
    """True where a cell fails the threshold or the dominance rule (or has no defined value)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share_num = np.where(num > 0, max_num / num, 0.0)
        share_den = np.where(den > 0, max_den / den, 0.0)
    return (n < rules.min_units) | (share_num > rules.dominance) | (share_den > rules.dominance) | ~(den > 0)


def _line_rule(sup: np.ndarray, pub: np.ndarray, size: np.ndarray, axes: Sequence[int]) -> bool:
    """One pass of 'no line with exactly one suppressed cell'; True if anything changed."""
    changed = False
    for axis in axes:
        s = np.moveaxis(sup, axis, -1)  # views: writing to s writes to sup
        p = np.moveaxis(pub, axis, -1)
        z = np.moveaxis(size, axis, -1)
        need = (s & p).sum(axis=-1) == 1
        if not need.any():
            continue
        free = p & ~s
        cost = np.where(free[..., 1:], z[..., 1:], np.inf)
        best = np.argmin(cost, axis=-1)
        has_child = np.isfinite(np.take_along_axis(cost, best[..., None], -1)[..., 0])
        pick_child = need & has_child
        if pick_child.any():
            idx = np.nonzero(pick_child)
            s[(*idx, best[idx] + 1)] = True
            changed = True
        pick_total = need & ~has_child & free[..., 0]
        if pick_total.any():
            s[..., 0][pick_total] = True
            changed = True
    return changed


def line_equations(shape: tuple[int, ...], axes: Sequence[int]) -> list[np.ndarray]:
    """Flat cell indices of every additive line: ``[total, child_1, child_2, ...]``."""
    flat = np.arange(int(np.prod(shape))).reshape(shape)
    lines: list[np.ndarray] = []
    for axis in axes:
        moved = np.moveaxis(flat, axis, -1)
        lines.extend(moved.reshape(-1, shape[axis]))
    return lines


def derivable(sup: np.ndarray, pub: np.ndarray, axes: Sequence[int]) -> np.ndarray:
    """Suppressed cells whose numerator/denominator follow exactly from published cells.

    Unknowns are the suppressed published cells; each line gives Σ children − total = known.
    Cell k is determined iff e_k is a combination of the equations (lies in their row space).
    """
    unknown = (sup & pub).ravel()
    out = np.zeros(unknown.shape, bool)
    pos = np.full(unknown.shape, -1)
    pos[unknown] = np.arange(unknown.sum())
    u = int(unknown.sum())
    if u == 0:
        return out.reshape(sup.shape)
    rows = []
    for line in line_equations(sup.shape, axes):
        coef = np.zeros(u)
        hit = False
        for j, cell in enumerate(line):
            if pos[cell] >= 0:
                coef[pos[cell]] = -1.0 if j == 0 else 1.0
                hit = True
        if hit:
            rows.append(coef)
    determined = _unit_vectors_in_row_space(np.array(rows))
    out[unknown] = determined
    return out.reshape(sup.shape)


def _unit_vectors_in_row_space(a: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """For each column k, whether e_k is a combination of the rows of ``a``.

    Gauss-Jordan elimination: in the reduced row echelon form, e_k is in the row space iff
    k is a pivot column whose row has no other non-zero entry.  Plain ufuncs rather than
    LAPACK on purpose: the systems are small, and multithreaded OpenBLAS next to DuckDB's
    threads was measured 10-25x slower than this loop.
    """
    a = a.astype(float, copy=True)
    m, u = a.shape
    row = 0
    pivots: list[tuple[int, int]] = []
    for col in range(u):
        if row == m:
            break
        piv = row + int(np.argmax(np.abs(a[row:, col])))
        if abs(a[piv, col]) < tol:
            continue
        if piv != row:
            a[[row, piv]] = a[[piv, row]]
        a[row] /= a[row, col]
        hit = np.flatnonzero(np.abs(a[:, col]) > tol)
        hit = hit[hit != row]
        if hit.size:
            a[hit] -= a[hit, col][:, None] * a[row]
        pivots.append((row, col))
        row += 1
    out = np.zeros(u, bool)
    for r, c in pivots:
        out[c] = int((np.abs(a[r]) > tol).sum()) == 1
    return out


def secondary_suppression(
    sup: np.ndarray, pub: np.ndarray, size: np.ndarray, axes: Sequence[int], *, audit_limit: int
) -> np.ndarray:
    """Extend the primary pattern ``sup`` of one table until no suppressed cell is derivable."""
    sup = sup & pub
    if not axes:
        return sup
    while True:
        while _line_rule(sup, pub, size, axes):
            pass
        if (sup & pub).sum() > audit_limit:
            return sup
        bad = derivable(sup, pub, axes)
        if not bad.any():
            return sup
        # protect the first determined cell through one of its lines, then re-run the rules
        cell = np.unravel_index(int(np.flatnonzero(bad)[0]), sup.shape)
        fixed = False
        for axis in axes:
            line = list(cell)
            line[axis] = slice(None)
            free = pub[tuple(line)] & ~sup[tuple(line)]
            if free[1:].any():
                cost = np.where(free[1:], size[tuple(line)][1:], np.inf)
                line[axis] = int(np.argmin(cost)) + 1
                sup[tuple(line)] = True
                fixed = True
                break
            if free[0]:
                line[axis] = 0
                sup[tuple(line)] = True
                fixed = True
                break
        if not fixed:  # cannot happen for additive lines; guard against an endless loop
            return sup


def suppress(
    n: np.ndarray,
    num: np.ndarray,
    den: np.ndarray,
    max_num: np.ndarray,
    max_den: np.ndarray,
    rules: DisclosureRules,
) -> np.ndarray:
    """Confidentiality status (F, C or D) of one indicator in every cell.

    Arrays have shape (years, *breakdowns); along each breakdown axis index 0 is the margin
    (``CN`` or ``_T``) and 1.. the values that add up to it.  Cells with ``n == 0`` hold no
    enterprise; their status is meaningless (they are not published).
    """
    pub = n > 0
    prim = primary_mask(n, num, den, max_num, max_den, rules) & pub
    final = prim.copy()
    axes = list(range(n.ndim - 1))
    if rules.secondary and axes:
        size = np.where(pub, den, np.inf)
        for y in range(n.shape[0]):
            # a leading length-1 axis keeps every line array at least 1-d
            final[y] = secondary_suppression(
                prim[y][None].copy(),
                pub[y][None],
                size[y][None],
                [a + 1 for a in axes],
                audit_limit=rules.audit_limit,
            )[0]
    return np.where(prim, PRIMARY, np.where(final, SECONDARY, FREE))
