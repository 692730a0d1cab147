"""The store as the web layer sees it: short openings, a lock, what the public may see,
and results computed once per store state.

A DuckDB file admits one writing process or many readers, so the server never keeps
it open: each request opens it read-only (or, to write, read-write) for the length
of the call and closes it, and any ``mic2025`` command (``tokens revoke`` included)
can use the same file between requests (one call at a time per process).  A
PostgreSQL store keeps a small pool of connections per worker (``MIC2025_PG_POOL``,
default 4), so a slow write does not hold up reads; when the database goes away (a
restart) the call fails with :class:`StoreUnavailable` (HTTP 503) and the next one
reconnects.  FastAPI runs plain ``def`` endpoints in a thread pool, so every store call
goes through :meth:`Publication.locked`, which hands one connection to one thread.

**What the public sees.** Every read here is of *published* figures: rows of
approved batches only (``mic2025.store.review``), and never a single reporting unit's
figure (``entity`` set): the public sees aggregates, which passed disclosure control
before they were written (``mic2025.microdata``).  The dashboard pages read through
the same methods, so they show the same.  Reviewers read pending batches through
:meth:`batch_observations`.

**Caches.** Evaluations, roll-ups and whole serialised responses are pure functions of
the published state, so they are cached under its fingerprint: an approval, a trusted
write or a new source (through this server, the CLI or another PostgreSQL client)
changes it and the next request recomputes, once (concurrent requests for the same
result wait for the first); a pending submission changes nothing public and keeps
the caches.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from mic2025.evaluate.assessment import Assessment, assess
from mic2025.evaluate.rollups import rollup
from mic2025.index import compute_index, load_spec
from mic2025.index.builtins import BUILTIN_SPECS
from mic2025.monitor import Monitor
from mic2025.plan import Plan, default_plan
from mic2025.store.connection import StoreBusy, is_postgres, resolve_location, state_fingerprint
from mic2025.store.tokens import Principal, resolve_token

WRITE_WAIT_SECONDS = 10.0
"""How long a write through the server waits for a DuckDB file a command holds."""

INDEX_SPECS: tuple[str, ...] = BUILTIN_SPECS
"""Built-in index specs the server offers; arbitrary spec paths are never accepted."""

_CACHE_SIZE = 32
_RESPONSE_CACHE_SIZE = 256


class StoreUnavailable(RuntimeError):
    """The database cannot be reached now (restarting, overloaded); retry shortly."""


@lru_cache(maxsize=16)
def index_result(spec: str, years: tuple[int, ...] | None) -> Any:
    """The index for a built-in spec; bundled data only, so safe to cache for the process."""
    if spec not in INDEX_SPECS:
        raise KeyError(spec)
    return load_spec(spec), compute_index(load_spec(spec), years=list(years) if years else None)


@dataclass(frozen=True)
class CachedBody:
    """A serialised JSON response, its gzip form and its entity tag, made once."""

    body: bytes
    gzipped: bytes
    etag: str
    total: int | None = None
    """For a page of a list: how many items the whole list has."""

    @classmethod
    def of(cls, body: bytes, total: int | None = None) -> CachedBody:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        return cls(body, gzip.compress(body, 6), etag, total)


def _disconnected(exc: BaseException) -> bool:
    """Whether ``exc`` says the PostgreSQL connection is gone (not a bad statement)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - postgres extra not installed
        return False
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, psycopg.OperationalError | psycopg.InterfaceError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class Publication:
    """What the web layer may ask of the system: published reads, evaluations, writes."""

    def __init__(self, location: str | None = None, plan: Plan | None = None) -> None:
        self.location = resolve_location(location)
        self.plan: Plan = plan or default_plan()
        self._lock = threading.RLock()
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._responses: OrderedDict[tuple[Any, ...], CachedBody] = OrderedDict()
        self._flights: dict[tuple[Any, ...], threading.Lock] = {}
        self._known: tuple[float, tuple[object, ...]] | None = None
        self._check_every = float(os.environ.get("MIC2025_CACHE_CHECK_SECONDS", "1") or 0)
        self._postgres = is_postgres(self.location)
        # PostgreSQL: a pool of connections for the app's life (a slot is None until it
        # is connected, or after its connection broke); DuckDB: none kept open.  Either
        # way the store must exist now, so a wrong --db fails at start, not per request.
        size = max(1, int(os.environ.get("MIC2025_PG_POOL", "4") or 4))
        self._pool: queue.LifoQueue[Monitor | None] = queue.LifoQueue()
        first = Monitor(self.location, self.plan)
        if self._postgres:
            self._pool.put(first)
            for _ in range(size - 1):
                self._pool.put(None)
        else:
            first.close()

    @contextmanager
    def locked(self, *, write: bool = False) -> Iterator[Monitor]:
        """A store connection, held by this thread alone for the duration of the block.

        A DuckDB file is opened for the block only (read-only unless ``write``), one
        block at a time in this process.  A PostgreSQL connection comes from the pool.
        """
        if self._postgres:
            slot = self._pool.get()
            try:
                monitor = slot if slot is not None else self._connect()
                slot = monitor
                yield monitor
            except Exception as exc:
                if _disconnected(exc):
                    if slot is not None:
                        with suppress(Exception):  # the connection is already gone
                            slot.close()
                    slot = None
                    raise StoreUnavailable("the database is not reachable now; retry shortly") from exc
                raise
            finally:
                self._pool.put(slot)
                if write:
                    with self._lock:
                        self._known = None  # this worker's own change shows at once
            return
        with self._lock:
            try:
                monitor = Monitor(self.location, self.plan, read_only=not write, wait=WRITE_WAIT_SECONDS)
            except StoreBusy as exc:
                raise StoreUnavailable(str(exc)) from exc
            try:
                yield monitor
            finally:
                monitor.close()

    def _connect(self) -> Monitor:
        try:
            return Monitor(self.location, self.plan)
        except Exception as exc:
            if _disconnected(exc):
                raise StoreUnavailable("the database is not reachable now; retry shortly") from exc
            raise

    def close(self) -> None:
        if not self._postgres:
            return
        while True:
            try:
                slot = self._pool.get_nowait()
            except queue.Empty:
                return
            if slot is not None:
                with suppress(Exception):
                    slot.close()

    # -- who is calling ---------------------------------------------------------------
    def authenticate(self, token: str | None) -> Principal | None:
        """The holder of ``token``, or None (unknown, revoked, expired); read per request,
        so a revocation by the CLI or the API counts from the next request on."""
        if not token:
            return None
        with self.locked() as m:
            return resolve_token(m.store.con, token)

    # -- reads ------------------------------------------------------------------------
    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever what the public sees may change, so cached results never go
        stale (a pending submission leaves it alone).

        A DuckDB file's is read from the file system on every call.  PostgreSQL's costs
        a round trip, so a worker asks at most every ``MIC2025_CACHE_CHECK_SECONDS``
        (default 1 s; 0 = every request) and at once after its own writes: an approval
        made through another worker or the CLI is public within that time everywhere.
        A stale answer can only be an earlier *published* state, never an unapproved one.
        """
        cheap = state_fingerprint(self.location)
        if cheap is not None:
            return cheap
        now = time.monotonic()
        with self._lock:
            known = self._known
            if known is not None and now - known[0] < self._check_every:
                return known[1]
        with self.locked() as m:
            fresh = m.store.public_fingerprint()
        with self._lock:
            self._known = (now, fresh)
        return fresh

    def _once(self, key: tuple[Any, ...], make: Callable[[], Any], store: OrderedDict, size: int) -> Any:
        """``store[key]``, made by ``make`` once even when many threads ask at once."""
        with self._lock:
            hit = store.get(key)
            if hit is not None:
                store.move_to_end(key)
                return hit
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            with self._lock:
                hit = store.get(key)
            if hit is None:
                hit = make()
                with self._lock:
                    store[key] = hit
                    while len(store) > size:
                        store.popitem(last=False)
            with self._lock:
                self._flights.pop(key, None)
            return hit

    def observations(self, **filters: Any) -> pd.DataFrame:
        """Published figures (approved batches, no single reporting unit), cached per
        published state: the dashboard's pages ask for the same figures again and again."""
        frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.items()))
        key = ("observations", self.fingerprint(), frozen)
        frame = self._once(key, lambda: self.observations_page(**filters)[0], self._cache, _CACHE_SIZE)
        return frame.copy()

    def observations_page(
        self, *, limit: int | None = None, offset: int = 0, count: bool = False, **filters: Any
    ) -> tuple[pd.DataFrame, int | None]:
        """Published figures, one page, and (``count``) how many there are in all."""
        with self.locked() as m:
            expr = m.store.observations_expr(**_store_filters(filters), public=True)
            total = int(expr.count().execute()) if count else None
            if limit is not None or offset:
                expr = expr.limit(limit, offset=offset)
            return expr.to_pyarrow().to_pandas(), total

    def batch_observations(
        self, batch: str, *, limit: int | None = None, offset: int = 0
    ) -> tuple[pd.DataFrame, int]:
        """Every row a batch stored, whatever its review state (reviewers only)."""
        with self.locked() as m:
            expr = m.store.observations_expr(batch=batch, all_vintages=True, visible="all")
            total = int(expr.count().execute())
            if limit is not None or offset:
                expr = expr.limit(limit, offset=offset)
            return expr.to_pyarrow().to_pandas(), total

    def sources(self) -> pd.DataFrame:
        with self.locked() as m:
            return m.sources()

    def sources_page(self, *, limit: int, offset: int) -> tuple[pd.DataFrame, int]:
        with self.locked() as m:
            expr = m.store.sources_expr()
            total = int(expr.count().execute())
            return expr.limit(limit, offset=offset).to_pyarrow().to_pandas(), total

    def batches(self) -> pd.DataFrame:
        with self.locked() as m:
            return m.batches()

    def batches_page(self, *, review: str | None, limit: int, offset: int) -> tuple[pd.DataFrame, int]:
        with self.locked() as m:
            expr = m.store.batches_expr(review)
            total = int(expr.count().execute())
            return expr.limit(limit, offset=offset).to_pyarrow().to_pandas(), total

    def batch(self, batch_id: str) -> dict[str, Any] | None:
        with self.locked() as m:
            return m.store.batch_row(batch_id)

    def audit_page(self, *, limit: int, offset: int, **filters: str | None) -> tuple[pd.DataFrame, int]:
        from mic2025.store.audit import entries_expr

        with self.locked() as m:
            expr = entries_expr(m.store.con, **filters)
            total = int(expr.count().execute())
            return expr.limit(limit, offset=offset).to_pyarrow().to_pandas(), total

    def assessment(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> Assessment:
        """The evaluation of the published figures for these choices, computed once per
        store state and reused.  ``area`` None means the national figures (``CN``)."""
        key = ("assessment", self.fingerprint(), as_of, milestone, area or "CN", dt.date.today())

        def make() -> Assessment:
            with self.locked() as m:
                observations = m.store.observations_expr(as_of=as_of, public=True).to_pyarrow().to_pandas()
                sources = m.sources()
            grades = {}
            if not sources.empty:
                grades = dict(zip(sources["id"], sources["grade"].fillna(""), strict=True))
            return assess(
                self.plan, observations, grades=grades, as_of=as_of, milestone=milestone, area=area or "CN"
            )

        return self._once(key, make, self._cache, _CACHE_SIZE)

    def scorecard(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> pd.DataFrame:
        """Per-method rows (cached with the assessment)."""
        return self.assessment(as_of, milestone, area).detail

    def headline(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> pd.DataFrame:
        """One verdict per target (cached with the assessment)."""
        return self.assessment(as_of, milestone, area).heads

    def rollup(self, as_of: dt.date | None, milestone: int | None, area: str | None) -> pd.DataFrame:
        """Counts by category, project, task and sector (cached with the assessment)."""
        key = ("rollup", self.fingerprint(), as_of, milestone, area or "CN", dt.date.today())
        return self._once(
            key, lambda: rollup(self.headline(as_of, milestone, area)), self._cache, _CACHE_SIZE
        )

    def response(
        self, name: str, query: tuple[Any, ...], build: Callable[[], bytes | tuple[bytes, int]]
    ) -> CachedBody:
        """A whole serialised response for ``query``, built once per published state and
        day; ``build`` returns the body, or the body and the length of the whole list."""

        def make() -> CachedBody:
            made = build()
            return CachedBody.of(*made) if isinstance(made, tuple) else CachedBody.of(made)

        key = (name, self.fingerprint(), dt.date.today(), *query)
        return self._once(key, make, self._responses, _RESPONSE_CACHE_SIZE)


def _store_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters ``observations_expr`` takes (pages pass the same names as the API)."""
    allowed = ("indicator", "area", "sector", "entity", "as_of", "all_vintages")
    unknown = set(filters) - set(allowed)
    if unknown:
        raise TypeError(f"unknown observation filters {sorted(unknown)}")
    out = dict(filters)
    if isinstance(out.get("as_of"), str):
        out["as_of"] = dt.date.fromisoformat(out["as_of"])
    return out
