"""One Monitor shared by every request, behind a lock, with memoised evaluations.

DuckDB connections are not thread-safe and FastAPI runs plain ``def`` endpoints in a
thread pool, so every store call goes through :meth:`Publication.locked`.  Evaluations
and indices are pure functions of the stored figures, so they are cached under a
fingerprint of the batches table: any write (through this server, the CLI or another
PostgreSQL client) changes the fingerprint and the next request recomputes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import pandas as pd

import mic2025
from mic2025.api import Monitor
from mic2025.evaluate import evaluate, headline, rollup
from mic2025.index import compute_index, load_spec
from mic2025.plan import Plan

INDEX_SPECS: tuple[str, ...] = ("cae_mpdi", "unido_cip")
"""Built-in index specs the server offers; arbitrary spec paths are never accepted."""

_CACHE_SIZE = 32


@lru_cache(maxsize=16)
def index_result(spec: str, years: tuple[int, ...] | None) -> Any:
    """The index for a built-in spec; bundled data only, so safe to cache for the process."""
    if spec not in INDEX_SPECS:
        raise KeyError(spec)
    return load_spec(spec), compute_index(load_spec(spec), years=list(years) if years else None)


class Publication:
    """What the web layer may ask of the system: reads, evaluations, validated writes."""

    def __init__(self, location: str | None = None, plan: Plan | None = None) -> None:
        self.monitor: Monitor = mic2025.open(location, plan=plan)
        self._lock = threading.RLock()
        self._cache: dict[tuple[Any, ...], Any] = {}

    @property
    def plan(self) -> Plan:
        return self.monitor.plan

    @contextmanager
    def locked(self) -> Iterator[Monitor]:
        """The monitor, held exclusively for the duration of the block."""
        with self._lock:
            yield self.monitor

    def close(self) -> None:
        with self._lock:
            self.monitor.close()

    # -- reads ------------------------------------------------------------------------
    def fingerprint(self) -> tuple[int, str]:
        """Changes whenever a batch is written, so cached evaluations never go stale."""
        with self.locked() as m:
            batches = m.store.batches_expr()
            row = batches.aggregate(n=batches.count(), last=batches.id.max()).to_pyarrow().to_pylist()[0]
        return int(row["n"] or 0), str(row["last"] or "")

    def observations(self, **filters: Any) -> pd.DataFrame:
        with self.locked() as m:
            return m.observations(**filters)

    def sources(self) -> pd.DataFrame:
        with self.locked() as m:
            return m.sources()

    def batches(self) -> pd.DataFrame:
        with self.locked() as m:
            return m.batches()

    def scorecard(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> pd.DataFrame:
        """The evaluation engine's scorecard for these choices (cached per store state)."""
        key = ("card", self.fingerprint(), as_of, milestone, area)
        if key not in self._cache:
            frame = self.observations(as_of=as_of)
            card = evaluate(self.plan, frame, milestone=milestone, as_of=as_of, area=area)
            self._remember(key, card)
        return self._cache[key]

    def headline(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> pd.DataFrame:
        card = self.scorecard(as_of, milestone, area)
        return headline(card) if not card.empty else card

    def rollup(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> pd.DataFrame:
        return rollup(self.scorecard(as_of, milestone, area))

    def _remember(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = value
