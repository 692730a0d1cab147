"""Enterprise records → indicator observations (value, SE, CI, n) with disclosure control.

The flow is one scan, then small arithmetic:

1. the engine runs :func:`~mic2025.microdata.indicators.cell_sums`: the sums of every
   indicator per finest cell (breakdowns × year) and jackknife group — a few hundred
   thousand rows at most, whatever the number of records;
2. margins (``CN``, ``_T``) are re-aggregations of those sums (sums and maxima add up);
3. values, jackknife SEs and CIs come from the sums (:mod:`~mic2025.microdata.sampling`);
4. primary and secondary suppression (:mod:`~mic2025.microdata.disclosure`);
5. published cells become observations for the store; suppressed ones never leave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mic2025.microdata.disclosure import FREE, DisclosureRules, suppress
from mic2025.microdata.indicators import (
    DIMENSIONS,
    INDICATORS,
    JK_GROUP,
    SUMS,
    TOTALS,
    MicroIndicator,
    cell_sums,
    sum_column,
)
from mic2025.microdata.sampling import jackknife
from mic2025.microdata.synthetic import SYNTHETIC_SOURCE

RESULT_COLUMNS = [
    "indicator",
    "area",
    "sector",
    "size",
    "period",
    "value",
    "unit",
    "std_error",
    "ci_low",
    "ci_high",
    "n_units",
    "confidentiality",
]
SUM_NAMES = SUMS
OBSERVATION_COLUMNS = [
    "indicator",
    "area",
    "sector",
    "entity",
    "period",
    "value",
    "unit",
    "status",
    "note",
    "std_error",
    "ci_low",
    "ci_high",
    "n_units",
]


@dataclass(frozen=True)
class Options:
    """How to aggregate: jackknife groups and seed, confidence level, disclosure rules."""

    groups: int = 20
    seed: int = 2015
    confidence: float = 0.95
    rules: DisclosureRules = field(default_factory=DisclosureRules)


def parse_by(by: str | Sequence[str]) -> list[str]:
    """``"area,sector,year"`` → ``["area", "sector"]`` (year is always a key)."""
    items = [b.strip() for b in (by.split(",") if isinstance(by, str) else by) if b.strip()]
    unknown = [b for b in items if b not in (*DIMENSIONS, "year")]
    if unknown:
        raise ValueError(f"unknown breakdown {unknown}: use area, sector, size, year")
    return [d for d in DIMENSIONS if d in items]


@dataclass
class Cells:
    """Dense cell space of one aggregation: axis 0 is the year, then one axis per breakdown
    whose index 0 is the margin (``CN``/``_T``) and 1.. its values in sorted order."""

    dims: list[str]
    years: np.ndarray
    levels: list[np.ndarray]
    sums: dict[str, np.ndarray]  # name -> (cells, G) for sums, (cells,) for maxima
    groups: int

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.years), *[len(lv) for lv in self.levels])


def _encode(column: Any) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values of an Arrow column and each row's position among them."""
    enc = pc.dictionary_encode(column).combine_chunks()
    values = np.asarray(enc.dictionary.to_pylist(), dtype=object)
    order = np.argsort(values)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return values[order], rank[enc.indices.to_numpy(zero_copy_only=False)]


def to_cells(fine: pa.Table, dims: list[str], indicators: Sequence[MicroIndicator], groups: int) -> Cells:
    """Per-(finest cell, group) sums from the engine → every cell with margins, densely.

    The finest cells fill a dense array (years, breakdowns..., groups) by assignment (each
    row of ``fine`` is a distinct cell and group); margins are then sums (maxima) over each
    breakdown axis in turn, which also yields the margins of margins (``CN`` × ``_T``).
    A NULL sum (nobody of the population in that cell and group) counts as 0.
    """
    years, yidx = np.unique(fine.column("year").to_numpy(), return_inverse=True)
    levels: list[np.ndarray] = []
    coords: list[np.ndarray] = [yidx]
    for d in dims:
        values, idx = _encode(fine.column(DIMENSIONS[d]))
        levels.append(np.concatenate([np.array([TOTALS[d]], dtype=object), values]))
        coords.append(idx + 1)
    coords.append(fine.column(JK_GROUP).to_numpy().astype(np.int64))
    shape = (len(years), *[len(lv) for lv in levels])
    ncell = int(np.prod(shape))
    where = tuple(coords)
    sums: dict[str, np.ndarray] = {}
    for ind in indicators:
        for what in SUMS:
            name = sum_column(ind.id, what)
            dense = np.zeros((*shape, groups))
            dense[where] = np.nan_to_num(
                fine.column(name).to_numpy(zero_copy_only=False).astype(float), nan=0.0
            )
            reduce = np.max if what.startswith("max") else np.sum
            for axis in range(1, len(shape)):
                head = [slice(None)] * dense.ndim
                tail = [slice(None)] * dense.ndim
                head[axis], tail[axis] = 0, slice(1, None)
                dense[tuple(head)] = reduce(dense[tuple(tail)], axis=axis)
            flat = dense.reshape(ncell, groups)
            sums[name] = flat.max(axis=1) if what.startswith("max") else flat
    return Cells(dims, years, levels, sums, groups)


def aggregate_table(
    table: Any,
    by: str | Sequence[str] = ("area", "sector"),
    *,
    indicators: Sequence[MicroIndicator] = INDICATORS,
    options: Options | None = None,
) -> pd.DataFrame:
    """All indicators for every cell of the breakdown (with margins), long format.

    ``table`` is an Ibis table of enterprise records on any backend.  Returns one row per
    indicator and cell with :data:`RESULT_COLUMNS`; suppressed cells keep their row (status
    ``C`` primary or ``D`` secondary) but have no value, SE, CI or count.
    """
    options = options or Options()
    dims = parse_by(by)
    expr = cell_sums(table, dims, indicators=indicators, groups=options.groups, seed=options.seed)
    fine = expr.to_pyarrow()
    return finish(to_cells(fine, dims, indicators, options.groups), indicators, options)


def finish(cells: Cells, indicators: Sequence[MicroIndicator], options: Options) -> pd.DataFrame:
    """Values, SEs, CIs and confidentiality of every cell, as the long result frame."""
    shape = cells.shape
    grid = np.indices(shape).reshape(len(shape), -1)
    labels = {
        "period": cells.years.astype(str)[grid[0]],
        **{d: cells.levels[i][grid[i + 1]] for i, d in enumerate(cells.dims)},
    }
    frames = []
    for ind in indicators:
        s = {k: cells.sums[sum_column(ind.id, k)] for k in SUM_NAMES}
        n = s["n"].sum(axis=1)
        sw = s["sw"].sum(axis=1)
        value, se, lo, hi = jackknife(
            s["num"], s["den"], n, sw, scale=ind.scale, confidence=options.confidence
        )
        status = suppress(
            n.reshape(shape),
            s["num"].sum(axis=1).reshape(shape),
            s["den"].sum(axis=1).reshape(shape),
            s["max_num"].reshape(shape),
            s["max_den"].reshape(shape),
            options.rules,
        ).ravel()
        keep = n > 0  # a cell without any enterprise of the population is not a cell
        hide = (status != FREE)[keep]

        def col(x: np.ndarray, hide: np.ndarray = hide, keep: np.ndarray = keep) -> np.ndarray:
            return np.where(hide, np.nan, x[keep])

        frames.append(
            pd.DataFrame(
                {
                    "indicator": ind.id,
                    "area": labels["area"][keep] if "area" in labels else TOTALS["area"],
                    "sector": labels["sector"][keep] if "sector" in labels else TOTALS["sector"],
                    "size": labels["size"][keep] if "size" in labels else TOTALS["size"],
                    "period": labels["period"][keep],
                    "value": col(value),
                    "unit": ind.unit,
                    "std_error": col(se),
                    "ci_low": col(lo),
                    "ci_high": col(hi),
                    "n_units": pd.array(np.where(hide, np.nan, n[keep]), dtype="Float64").astype("Int64"),
                    "confidentiality": status[keep],
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["indicator", "period", "area", "sector", "size"], ignore_index=True)[
        RESULT_COLUMNS
    ]


def to_observations(result: pd.DataFrame, *, synthetic: bool) -> pd.DataFrame:
    """Published cells as rows for ``Monitor.write_observations`` (suppressed ones dropped).

    The store has no size breakdown, so a result broken down by size class is refused here
    rather than silently stored under the wrong key.
    """
    if (result["size"] != TOTALS["size"]).any():
        raise ValueError(
            "the observation store has no size-class key: aggregate without "
            "'size' to store, or export the size breakdown to a file"
        )
    pub = result[result["confidentiality"] == FREE]
    note = (
        "SYNTHETIC data — not real figures; " if synthetic else ""
    ) + "weighted estimate from enterprise microdata; SE by delete-a-group jackknife"
    return pd.DataFrame(
        {
            "indicator": pub["indicator"].to_numpy(),
            "area": pub["area"].to_numpy(),
            "sector": pub["sector"].to_numpy(),
            "entity": "",
            "period": pub["period"].to_numpy(),
            "value": pub["value"].to_numpy(float),
            "unit": pub["unit"].to_numpy(),
            "status": "A",
            "note": note,
            "std_error": pub["std_error"].to_numpy(float),
            "ci_low": pub["ci_low"].to_numpy(float),
            "ci_high": pub["ci_high"].to_numpy(float),
            "n_units": pub["n_units"].astype("Int64").to_numpy(),
        }
    )[OBSERVATION_COLUMNS]


def check_source(source: str | dict[str, Any] | None, *, synthetic: bool) -> str | dict[str, Any]:
    """The source to store under; synthetic input goes only under the synthetic source.

    Refuses a real source for synthetic records and the synthetic source for real records,
    so generated figures can never sit in the store as if official.
    """
    synthetic_id = str(SYNTHETIC_SOURCE["id"])
    if synthetic:
        if (
            source is None
            or source == synthetic_id
            or (isinstance(source, dict) and source.get("id") == synthetic_id)
        ):
            return dict(SYNTHETIC_SOURCE)
        raise ValueError(
            "the records are synthetic (generated by mic2025): they can only be "
            f"stored under the source {synthetic_id!r}"
        )
    if source is None:
        raise ValueError("give the source of the records (a source id or a source record)")
    sid = source.get("id") if isinstance(source, dict) else source
    if sid == synthetic_id or (isinstance(source, dict) and source.get("synthetic")):
        raise ValueError("real records cannot be stored under a synthetic source")
    return source


def write(
    monitor: Any,
    result: pd.DataFrame,
    *,
    source: str | dict[str, Any] | None,
    synthetic: bool,
    origin: str,
    who: str | None = None,
    vintage: dt.date | None = None,
) -> Any:
    """Write the published cells of ``result`` to the store as one atomic batch.

    The vintage defaults to today: the figures are published when they are computed.
    """
    src = check_source(source, synthetic=synthetic)
    return monitor.write_observations(
        to_observations(result, synthetic=synthetic),
        source=src,
        origin=origin,
        who=who,
        vintage=vintage or dt.date.today(),
    )


def aggregate_file(
    path: str | Path,
    by: str | Sequence[str] = ("area", "sector"),
    *,
    backend: str = "duckdb",
    url: str | None = None,
    spark: Any = None,
    validate: bool = True,
    options: Options | None = None,
) -> pd.DataFrame:
    """Validate a records file (nothing is computed if it has any problem) and aggregate it."""
    from mic2025.microdata.backends import connect, load
    from mic2025.microdata.schema import read_records, record_format

    records = read_records(path) if validate else None
    con = connect(backend, url=url, spark=spark)
    upload = records if backend == "postgres" or record_format(path) == "csv" else None
    table = load(con, path, records=upload)
    return aggregate_table(table, by, options=options)
