"""The store as the web layer sees it: short openings, a lock, memoised evaluations.

A DuckDB file admits one writing process or many readers, so the server never keeps
it open: each request opens it read-only (or, to write, read-write) for the length
of the call and closes it, and any ``mic2025`` command can use the same file between
requests.  A PostgreSQL store has no such limit and keeps one connection.  FastAPI
runs plain ``def`` endpoints in a thread pool, so every store call goes through
:meth:`Publication.locked`.  Evaluations and indices are pure functions of the stored
figures, so they are cached under the store's fingerprint: any write (through this
server, the CLI or another PostgreSQL client) changes it and the next request
recomputes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import pandas as pd

from mic2025.evaluate import evaluate, headline, rollup
from mic2025.index import compute_index, load_spec
from mic2025.monitor import Monitor
from mic2025.plan import Plan, default_plan
from mic2025.store.connection import is_postgres, resolve_location, state_fingerprint

WRITE_WAIT_SECONDS = 10.0
"""How long a write through the server waits for a DuckDB file a command holds."""

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
        self.location = resolve_location(location)
        self.plan: Plan = plan or default_plan()
        self._lock = threading.RLock()
        self._cache: dict[tuple[Any, ...], Any] = {}
        # PostgreSQL: one connection for the app's life; DuckDB: none kept open.  Either
        # way the store must exist now, so a wrong --db fails at start, not per request.
        self._shared: Monitor | None = Monitor(self.location, self.plan)
        if not is_postgres(self.location):
            self._shared.close()
            self._shared = None

    @contextmanager
    def locked(self, *, write: bool = False) -> Iterator[Monitor]:
        """The store, held exclusively by this thread for the duration of the block.

        A DuckDB file is opened for the block only: read-only unless ``write``.
        """
        with self._lock:
            if self._shared is not None:
                yield self._shared
                return
            monitor = Monitor(self.location, self.plan, read_only=not write, wait=WRITE_WAIT_SECONDS)
            try:
                yield monitor
            finally:
                monitor.close()

    def close(self) -> None:
        with self._lock:
            if self._shared is not None:
                self._shared.close()

    # -- reads ------------------------------------------------------------------------
    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever anything is written, so cached evaluations never go stale."""
        cheap = state_fingerprint(self.location)
        if cheap is not None:
            return cheap
        with self.locked() as m:
            return m.store.fingerprint()

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
