"""The observation store: append-only batches of figures, read by vintage.

The store trusts its caller to have validated rows (``mic2025.ingest`` does); its job is
to keep every batch whole, never overwrite a figure, and answer "what was known when".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
from ibis import _

from mic2025.store.connection import (
    DEFAULT_WAIT_SECONDS,
    connect,
    is_postgres,
    resolve_location,
    state_fingerprint,
    transaction,
)
from mic2025.store.schema import (
    AUDIT,
    BATCH_SCHEMA,
    BATCHES,
    IDENTITY,
    OBSERVATION_COLUMNS,
    OBSERVATION_SCHEMA,
    OBSERVATIONS,
    SERIES_KEY,
    SOURCE_SCHEMA,
    SOURCES,
)
from mic2025.store.vintages import in_force

Review = Literal["approved", "pending", "rejected"]
REVIEW_STATES: tuple[str, ...] = ("pending", "approved", "rejected")
"""A batch's review state (``batches.review``); empty on older batches, read as approved."""
Visible = Literal["approved", "pending", "live", "all"]
"""Which batches a read sees: approved (the default, what is published), pending
(awaiting review, for reviewers), live (all but rejected: what new figures are
checked against) or all (every stored row, rejected ones too)."""

FAULT_PAUSE_ENV = "MIC2025_FAULT_PAUSE_SECONDS"
"""Fault injection for crash tests: sleep inside the write transaction before COMMIT,
so a test can kill -9 the process while a batch is half written."""


@dataclass(frozen=True)
class BatchResult:
    """What one write did: ``already_loaded`` means the same file was stored before;
    ``warnings`` says what a person should look at (another source disagrees...)."""

    batch: str
    rows_read: int
    rows_added: int
    rows_unchanged: int
    already_loaded: bool = False
    warnings: tuple[str, ...] = ()


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ObservationStore:
    """Figures, their sources and the batches that brought them, in one database.

    Parameters
    ----------
    location
        DuckDB file, ``postgresql://`` URL, or None for ``$MIC2025_DB`` / the per-user
        default (see :mod:`mic2025.store.connection`).
    read_only
        Open for reading only, sharing a DuckDB file with other readers.
    create
        Make the store if it does not exist (only ``mic2025 init`` does).
    wait
        Seconds to wait for a DuckDB file that another process holds.
    on_wait
        Told once, with a message, when waiting begins.
    """

    def __init__(
        self,
        location: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        create: bool = False,
        wait: float = DEFAULT_WAIT_SECONDS,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.location = resolve_location(location)
        self.read_only = read_only
        self.con = connect(self.location, read_only=read_only, create=create, wait=wait, on_wait=on_wait)
        self._review: Review = "approved"
        self._tables: dict[str, ir.Table] = {}

    @contextmanager
    def submitting(self, review: Review) -> Iterator[None]:
        """Batches written inside the block land in ``review`` state (the API writes
        submissions as ``pending``; the local CLI's own writes are trusted and approved)."""
        if review not in REVIEW_STATES:
            raise ValueError(f"unknown review state {review!r}")
        previous, self._review = self._review, review
        try:
            yield
        finally:
            self._review = previous

    def batch_ids(self, visible: Visible = "approved") -> ir.Table:
        """The ids of the batches a read with ``visible`` sees, as a one-column table."""
        batches = self.table(BATCHES)
        state = batches.review.fill_null("approved")
        if visible == "approved":
            batches = batches.filter(state == "approved")
        elif visible == "pending":
            batches = batches.filter(state == "pending")
        elif visible == "live":  # what new figures are checked against: all but rejected
            batches = batches.filter(state != "rejected")
        elif visible != "all":
            raise ValueError(f"unknown visibility {visible!r}")
        return batches.select(_visible_batch=batches.id)

    def _stored(self, visible: Visible = "approved") -> ir.Table:
        obs = self.table(OBSERVATIONS).select(*OBSERVATION_COLUMNS)  # one order, migrated or not
        if visible == "all":
            return obs
        ids = self.batch_ids(visible)
        return obs.semi_join(ids, obs.batch == ids._visible_batch)

    # -- reading --------------------------------------------------------------------
    def table(self, name: str) -> ir.Table:
        """The table's expression, looked up once per opening (its layout is fixed when
        the store is opened: ``ensure_schema``), not once per query."""
        found = self._tables.get(name)
        if found is None:
            found = self._tables[name] = self.con.table(name)
        return found

    def observations_expr(
        self,
        *,
        indicator: str | list[str] | None = None,
        area: str | list[str] | None = None,
        sector: str | list[str] | None = None,
        entity: str | list[str] | None = None,
        as_of: dt.date | None = None,
        all_vintages: bool = False,
        visible: Visible = "approved",
        batch: str | None = None,
        public: bool = False,
    ) -> ir.Table:
        """An Ibis expression for the figures asked for (latest vintage unless told).

        Only approved batches are read unless ``visible`` says otherwise; ``batch``
        reads one batch's rows; ``public`` leaves out figures of single reporting units
        (``entity`` set): the public sees only aggregates.
        """
        obs = self._stored(visible)
        if batch is not None:
            obs = obs.filter(obs.batch == batch)
        if public:
            obs = obs.filter(obs.entity.fill_null("") == "")
        for column, wanted in (
            ("indicator", indicator),
            ("area", area),
            ("sector", sector),
            ("entity", entity),
        ):
            if wanted is not None:
                values = [wanted] if isinstance(wanted, str) else list(wanted)
                if any("\x00" in v for v in values):
                    raise ValueError(f"{column} filter contains a NUL character")
                obs = obs.filter(obs[column].isin(values))
        if all_vintages:
            if as_of is not None:
                obs = obs.filter(obs.vintage <= ibis.literal(as_of, type="date"))
            return obs.order_by([*IDENTITY])
        latest = in_force(obs, self.table(BATCHES), as_of, sources=self.table(SOURCES))
        return latest.order_by(["indicator", "area", "sector", "entity", "period"])

    def sources_expr(self) -> ir.Table:
        return self.table(SOURCES).order_by("id")

    def batches_expr(self, review: str | None = None) -> ir.Table:
        """Every batch, oldest first; ``review`` keeps one state (pending, approved, rejected)."""
        batches = self.table(BATCHES)
        if review is not None:
            batches = batches.filter(batches.review.fill_null("approved") == review)
        return batches.order_by(["loaded_at", "id"])

    def batch_row(self, batch_id: str) -> dict[str, Any] | None:
        batches = self.table(BATCHES)
        rows = batches.filter(batches.id == batch_id).to_pyarrow().to_pylist()
        return rows[0] if rows else None

    def source_ids(self) -> set[str]:
        return set(self.table(SOURCES).id.to_pyarrow().to_pylist())

    def find_batch(self, sha256: str, source: str | None) -> str | None:
        """The batch that already stored this exact file for this source, if any."""
        batches = self.table(BATCHES)
        hit = batches.filter(
            (batches.sha256 == sha256) & (batches.review.fill_null("approved") != "rejected")
        )
        if source is not None:
            hit = hit.filter(batches.source == source)
        ids = hit.id.to_pyarrow().to_pylist()
        return ids[0] if ids else None

    # -- writing --------------------------------------------------------------------
    def add_sources(self, rows: list[dict[str, Any]], *, who: str | None = None) -> list[str]:
        """Register sources that are not known yet; returns the ids added.

        A source id is permanent: registering the same id again with other details is
        refused rather than silently changing what earlier figures cite.
        """
        if not rows:
            return []
        existing = self.table(SOURCES).to_pandas().set_index("id")
        frame = pd.DataFrame([_source_row(r) for r in rows]).drop_duplicates("id")
        new = frame[~frame["id"].isin(existing.index)]
        clashes = []
        for row in frame[frame["id"].isin(existing.index)].itertuples(index=False):
            old = existing.loc[row.id]
            if str(old["title"]) != str(row.title):
                clashes.append(f"source {row.id!r} is already registered with another title")
        if clashes:
            raise ValueError("; ".join(clashes))
        if not new.empty:
            from mic2025.store.audit import record

            with transaction(self.con):
                self.con.insert(SOURCES, _arrow(new, SOURCE_SCHEMA))
                record(self.con, who or _user(), "sources.add", ",".join(new["id"])[:1000])
        return list(new["id"])

    def conflicts(self, staged: ir.Table) -> pd.DataFrame:
        """Staged rows whose identity is stored already with a different value.

        A changed figure must come as a new vintage; quietly replacing it would make
        past evaluations unreproducible.  Rows of rejected batches do not count: they
        were never published, and a corrected resubmission must be possible.
        """
        stored = self._stored("live")
        joined = staged.inner_join(stored, list(IDENTITY))
        clash = joined.filter(
            (joined.value != joined.value_right)
            | (joined.unit != joined.unit_right)
            | (joined.status != joined.status_right)
            | (joined.qualifier.fill_null("") != joined.qualifier_right.fill_null(""))
        )
        return clash.select("_row", *IDENTITY, "value", stored_value=clash.value_right).to_pandas()

    def disagreements(self, staged: pa.Table, *, limit: int = 20) -> pd.DataFrame:
        """Staged figures that another source gives with a different value (latest vintage).

        Both are kept: two publishers may disagree, and which one a reader trusts is a
        judgement shown side by side, never settled silently (see ``vintages.in_force``
        for the rule that picks the headline figure).
        """
        new = ibis.memtable(
            staged.select(["indicator", "area", "sector", "entity", "period", "value", "source"])
        )
        # only the series the batch touches: the rule runs per series, and the store is big
        stored = self._stored("approved").semi_join(new, list(SERIES_KEY))
        current = in_force(stored, self.table(BATCHES), None, sources=self.table(SOURCES), per_source=True)
        joined = new.inner_join(current, list(SERIES_KEY))
        differ = joined.filter((joined.source != joined.source_right) & (joined.value != joined.value_right))
        return (
            differ.select(
                *SERIES_KEY,
                "value",
                "source",
                other_value=differ.value_right,
                other_source=differ.source_right,
            )
            .limit(limit)
            .to_pandas()
        )

    def conflicts_expr(self, *, as_of: dt.date | None = None) -> ir.Table:
        """Figures that two or more sources give with different values, side by side.

        One row per figure and source (each source's latest vintage), with its grade
        and ``headline`` true for the row the store reads as *the* figure.
        """
        stored = self._stored("approved")
        batches, sources = self.table(BATCHES), self.table(SOURCES)
        per_source = in_force(stored, batches, as_of, sources=sources, per_source=True)
        keys = list(SERIES_KEY)
        spread = per_source.group_by(keys).aggregate(_values=per_source.value.nunique())
        disputed = per_source.semi_join(spread.filter(spread._values > 1), keys)
        chosen = in_force(stored, batches, as_of, sources=sources).select(*keys, _chosen=_.source)
        joined = disputed.left_join(chosen, keys).select(disputed, "_chosen")
        grades = sources.select(_sid=sources.id, grade=sources.grade)
        out = joined.left_join(grades, joined.source == grades._sid).select(joined, "grade")
        return out.mutate(headline=out.source == out._chosen).drop("_chosen").order_by([*keys, "source"])

    def append_batch(
        self,
        rows: pa.Table | Iterable[pa.Table],
        *,
        origin: str,
        sha256: str | None,
        fmt: str,
        source: str | None,
        who: str,
        rows_read: int | None = None,
        warnings: tuple[str, ...] = (),
    ) -> BatchResult:
        """Store validated rows as one batch; rows already stored are counted, not copied.

        ``rows`` may be one table or an iterable of chunks: every chunk is written in
        the same transaction, so memory stays bounded and the batch stays whole.  The
        batch lands in the review state set by :meth:`submitting` (approved unless
        told), and its audit event is written in the same transaction.
        """
        from mic2025.store.audit import record

        batch_id = f"b{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        chunks = [rows] if isinstance(rows, pa.Table) else rows
        stored = self._stored("live")
        pause = float(os.environ.get(FAULT_PAUSE_ENV, "0") or 0)
        seen = 0
        with transaction(self.con):
            for chunk in chunks:
                seen += chunk.num_rows
                staged = ibis.memtable(_as_stored(chunk, batch_id))
                # rows arrive unique on their identity (staging drops repeats); those
                # already stored are left out, so overlapping files add each figure once
                self.con.insert(OBSERVATIONS, staged.anti_join(stored, list(IDENTITY)))
            # counted by batch id: other writers' concurrent rows never enter the count
            added = self._count(batch_id)
            read = seen if rows_read is None else rows_read
            batch_row = {
                "id": batch_id,
                "origin": origin,
                "sha256": sha256,
                "format": fmt,
                "source": source,
                "who": who,
                "loaded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "rows_read": read,
                "rows_added": added,
                "rows_unchanged": read - added,
                "review": self._review,
                "reviewed_by": None,
                "reviewed_at": None,
            }
            self.con.insert(BATCHES, pa.Table.from_pylist([batch_row], schema=BATCH_SCHEMA.to_pyarrow()))
            record(
                self.con,
                who,
                "batch.write",
                batch_id,
                {"origin": origin, "rows_added": added, "review": self._review, "sha256": sha256},
            )
            if pause:
                print("fault-pause: inside write transaction", file=sys.stderr, flush=True)
                time.sleep(pause)
        return BatchResult(batch_id, read, added, read - added, warnings=warnings)

    def _count(self, batch_id: str) -> int:
        obs = self.table(OBSERVATIONS)
        return int(obs.filter(obs.batch == batch_id).count().execute())

    def public_fingerprint(self) -> tuple[object, ...]:
        """Changes whenever what the public sees may change: an approved batch (a
        decision or a trusted write) or a source; a pending submission does not."""
        cheap = state_fingerprint(self.location)
        if cheap is not None:
            return cheap
        sql = (
            f"SELECT count(*), max(id), max(reviewed_at), (SELECT count(*) FROM {SOURCES}) FROM {BATCHES}"
            f" WHERE coalesce(review, 'approved') = 'approved'"
        )
        return self._one_row(sql)

    def _one_row(self, sql: str) -> tuple[object, ...]:
        if not self.is_postgres:  # an in-memory DuckDB: raw_sql hands back the connection
            row = self.con.con.execute(sql).fetchone()
            return tuple(str(x or "") for x in row)
        cursor = self.con.raw_sql(sql)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        return tuple(str(x or "") for x in row)

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever anything is written, so results cached on it never go stale."""
        cheap = state_fingerprint(self.location)
        if cheap is not None:
            return cheap
        # batches and audit events: a write adds both, a review decision or a token
        # change adds an event; one round trip, no query compilation
        sql = (
            f"SELECT (SELECT count(*) FROM {BATCHES}), (SELECT max(id) FROM {BATCHES}),"
            f" (SELECT count(*) FROM {AUDIT}), (SELECT max(id) FROM {AUDIT})"
        )
        return self._one_row(sql)

    def close(self) -> None:
        self.con.disconnect()

    @property
    def is_postgres(self) -> bool:
        return is_postgres(self.location)


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _as_stored(chunk: pa.Table, batch_id: str) -> pa.Table:
    """A typed chunk in the observation table's layout, tagged with its batch."""
    body = chunk.select([c for c in OBSERVATION_COLUMNS if c != "batch"])
    body = body.append_column("batch", pa.array([batch_id] * chunk.num_rows, pa.string()))
    return body.select(list(OBSERVATION_COLUMNS)).cast(OBSERVATION_SCHEMA.to_pyarrow())


def _source_row(row: dict[str, Any]) -> dict[str, Any]:
    known = set(SOURCE_SCHEMA.names)
    unknown = set(row) - known
    if unknown:
        raise ValueError(f"source {row.get('id')!r}: unknown fields {sorted(unknown)}")
    if not row.get("id") or not row.get("title"):
        raise ValueError(f"source {row.get('id')!r}: id and title are required")
    out = {name: row.get(name) for name in SOURCE_SCHEMA.names}
    for name in ("published", "retrieved"):
        if isinstance(out[name], str) and out[name]:
            out[name] = dt.date.fromisoformat(out[name])
        elif not out[name]:
            out[name] = None
    out["synthetic"] = bool(out["synthetic"])
    return out


def _arrow(frame: pd.DataFrame, schema: ibis.Schema) -> pa.Table:
    return pa.Table.from_pandas(frame[list(schema.names)], preserve_index=False).cast(schema.to_pyarrow())
