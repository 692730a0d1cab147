"""The audit log: every write, review decision and token change, appended, never changed.

One row per event: when (UTC), who (a token's name, or the local user for the CLI),
what (``action``), on what (``target``: a batch id, a token name, a source id) and a
short ``detail``.  The store offers no way to change or delete a row; on PostgreSQL two
rules make ``UPDATE`` and ``DELETE`` on the table do nothing for every client.

Actions: ``batch.write`` (with the review state it landed in), ``batch.approve``,
``batch.reject``, ``sources.add``, ``token.add``, ``token.revoke``.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from mic2025.store.schema import AUDIT, AUDIT_SCHEMA

ACTIONS: tuple[str, ...] = (
    "batch.write",
    "batch.approve",
    "batch.reject",
    "sources.add",
    "token.add",
    "token.revoke",
)


def record(con: BaseBackend, actor: str, action: str, target: str | None = None, detail: Any = None) -> str:
    """Append one event; returns its id.  Call inside the transaction of what it records,
    so the event and the change are stored together or not at all."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    event_id = f"{time.strftime('%Y%m%d%H%M%S', time.gmtime())}{now.microsecond:06d}-{uuid.uuid4().hex[:8]}"
    text = detail if isinstance(detail, str) or detail is None else json.dumps(detail, sort_keys=True)
    row = {"id": event_id, "at": now, "actor": actor, "action": action, "target": target, "detail": text}
    con.insert(AUDIT, pa.Table.from_pylist([row], schema=AUDIT_SCHEMA.to_pyarrow()))
    return event_id


def entries_expr(
    con: BaseBackend, *, action: str | None = None, target: str | None = None, actor: str | None = None
) -> ir.Table:
    """The log, oldest first, optionally one action, target or actor."""
    log = con.table(AUDIT)
    if action is not None:
        log = log.filter(log.action == action)
    if target is not None:
        log = log.filter(log.target == target)
    if actor is not None:
        log = log.filter(log.actor == actor)
    return log.order_by(["at", "id"])
