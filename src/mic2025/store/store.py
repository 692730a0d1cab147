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
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from mic2025.store.connection import connect, is_postgres, resolve_location, transaction
from mic2025.store.schema import (
    BATCH_SCHEMA,
    BATCHES,
    IDENTITY,
    OBSERVATION_COLUMNS,
    OBSERVATION_SCHEMA,
    OBSERVATIONS,
    SOURCE_SCHEMA,
    SOURCES,
)
from mic2025.store.vintages import in_force

FAULT_PAUSE_ENV = "MIC2025_FAULT_PAUSE_SECONDS"
"""Fault injection for crash tests: sleep inside the write transaction before COMMIT,
so a test can kill -9 the process while a batch is half written."""


@dataclass(frozen=True)
class BatchResult:
    """What one write did: ``already_loaded`` means the same file was stored before."""

    batch: str
    rows_read: int
    rows_added: int
    rows_unchanged: int
    already_loaded: bool = False


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class ObservationStore:
    """Figures, their sources and the batches that brought them, in one database."""

    def __init__(self, location: str | os.PathLike[str] | None = None) -> None:
        self.location = resolve_location(location)
        self.con = connect(self.location)

    # -- reading --------------------------------------------------------------------
    def table(self, name: str) -> ir.Table:
        return self.con.table(name)

    def observations_expr(
        self,
        *,
        indicator: str | list[str] | None = None,
        area: str | list[str] | None = None,
        sector: str | list[str] | None = None,
        entity: str | list[str] | None = None,
        as_of: dt.date | None = None,
        all_vintages: bool = False,
    ) -> ir.Table:
        """An Ibis expression for the figures asked for (latest vintage unless told)."""
        obs = self.table(OBSERVATIONS)
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
        latest = in_force(obs, self.table(BATCHES), as_of)
        return latest.order_by(["indicator", "area", "sector", "entity", "period"])

    def sources_expr(self) -> ir.Table:
        return self.table(SOURCES).order_by("id")

    def batches_expr(self) -> ir.Table:
        return self.table(BATCHES).order_by("loaded_at")

    def source_ids(self) -> set[str]:
        return set(self.table(SOURCES).id.to_pyarrow().to_pylist())

    def find_batch(self, sha256: str, source: str | None) -> str | None:
        """The batch that already stored this exact file for this source, if any."""
        batches = self.table(BATCHES)
        hit = batches.filter(batches.sha256 == sha256)
        if source is not None:
            hit = hit.filter(batches.source == source)
        ids = hit.id.to_pyarrow().to_pylist()
        return ids[0] if ids else None

    # -- writing --------------------------------------------------------------------
    def add_sources(self, rows: list[dict[str, Any]]) -> list[str]:
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
            with transaction(self.con):
                self.con.insert(SOURCES, _arrow(new, SOURCE_SCHEMA))
        return list(new["id"])

    def conflicts(self, staged: ir.Table) -> pd.DataFrame:
        """Staged rows whose identity is stored already with a different value.

        A changed figure must come as a new vintage; quietly replacing it would make
        past evaluations unreproducible.
        """
        stored = self.table(OBSERVATIONS)
        joined = staged.inner_join(stored, list(IDENTITY))
        clash = joined.filter(
            (joined.value != joined.value_right)
            | (joined.unit != joined.unit_right)
            | (joined.status != joined.status_right)
        )
        return clash.select("_row", *IDENTITY, "value", stored_value=clash.value_right).to_pandas()

    def append_batch(
        self,
        rows: pa.Table,
        *,
        origin: str,
        sha256: str | None,
        fmt: str,
        source: str | None,
        who: str,
    ) -> BatchResult:
        """Store validated rows as one batch; rows already stored are counted, not copied."""
        batch_id = f"b{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        staged_arrow = rows.select([c for c in OBSERVATION_COLUMNS if c != "batch"]).append_column(
            "batch", pa.array([batch_id] * rows.num_rows, pa.string())
        )
        staged_arrow = staged_arrow.select(list(OBSERVATION_COLUMNS)).cast(OBSERVATION_SCHEMA.to_pyarrow())
        staged = ibis.memtable(staged_arrow)
        stored = self.table(OBSERVATIONS)
        # rows arrive unique on their identity (validation drops repeats); those already
        # stored are left out, so loading overlapping files adds each figure once
        fresh = staged.anti_join(stored, list(IDENTITY))
        pause = float(os.environ.get(FAULT_PAUSE_ENV, "0") or 0)
        with transaction(self.con):
            before = self._count()
            self.con.insert(OBSERVATIONS, fresh)
            added = self._count() - before
            batch_row = {
                "id": batch_id,
                "origin": origin,
                "sha256": sha256,
                "format": fmt,
                "source": source,
                "who": who,
                "loaded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "rows_read": rows.num_rows,
                "rows_added": added,
                "rows_unchanged": rows.num_rows - added,
            }
            self.con.insert(BATCHES, pa.Table.from_pylist([batch_row], schema=BATCH_SCHEMA.to_pyarrow()))
            if pause:
                print("fault-pause: inside write transaction", file=sys.stderr, flush=True)
                time.sleep(pause)
        return BatchResult(batch_id, rows.num_rows, added, rows.num_rows - added)

    def _count(self) -> int:
        return int(self.table(OBSERVATIONS).count().execute())

    def close(self) -> None:
        self.con.disconnect()

    @property
    def is_postgres(self) -> bool:
        return is_postgres(self.location)


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
