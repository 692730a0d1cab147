"""Review before publication: a submitted batch is pending until a reviewer decides.

Figures sent through the API by a province's or an enterprise's token land in a
*pending* batch: stored (so nothing acknowledged can be lost) but read by nobody but
reviewers.  A holder of the ``review`` scope (or ``admin``) approves the batch, and its
figures are published from the next request on, or rejects it, and they never are.
Nothing is deleted either way: the rows, the decision, who made it and when stay in
the store and in the audit log.

Two rules keep a review honest:

* a decision is final: approving a rejected batch, or rejecting an approved one, is
  refused (a correction comes as a new batch, reviewed in turn);
* four eyes: a reviewer may not decide on a batch their own token submitted
  (an ``admin`` may, since an admin could mint another token anyway).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mic2025.store.audit import record
from mic2025.store.connection import transaction
from mic2025.store.schema import BATCHES
from mic2025.store.store import ObservationStore

DECISIONS = {"approve": "approved", "reject": "rejected"}


class ReviewError(ValueError):
    """A decision that cannot be made; ``status`` is the HTTP status that says why."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Decision:
    batch: str
    review: str
    reviewed_by: str
    reviewed_at: dt.datetime
    rows: int


def decide(
    store: ObservationStore,
    batch_id: str,
    decision: str,
    reviewer: str,
    *,
    note: str | None = None,
    may_decide_own: bool = False,
) -> Decision:
    """Approve or reject a pending batch, recording who decided and when (audited).

    Raises :class:`ReviewError` (404 unknown batch; 409 already decided, or the
    reviewer submitted it).
    """
    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}; use approve or reject", 422)
    state = DECISIONS[decision]
    with transaction(store.con):
        row = store.batch_row(batch_id)
        if row is None:
            raise ReviewError(f"no batch {batch_id!r}", 404)
        current = row.get("review") or "approved"
        if current == state:
            raise ReviewError(f"batch {batch_id} is already {state}")
        if current != "pending":
            raise ReviewError(f"batch {batch_id} was {current}; a decision is final (send a new batch)")
        if row.get("who") == reviewer and not may_decide_own:
            raise ReviewError(
                f"batch {batch_id} was submitted by {reviewer!r}; another reviewer must decide", 403
            )
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        # the id comes from the store (checked above); the names are quoted literals
        cursor = store.con.raw_sql(
            f"UPDATE {BATCHES} SET review = '{state}', reviewed_by = {_literal(reviewer)}, "
            f"reviewed_at = TIMESTAMP '{now.isoformat(sep=' ')}' "
            f"WHERE id = {_literal(batch_id)} AND review = 'pending'"
        )
        changed = 1
        if store.is_postgres:  # (DuckDB hands back the connection itself: never close it)
            changed = cursor.rowcount
            cursor.close()
        if changed == 0:  # another reviewer decided in between (PostgreSQL)
            raise ReviewError(f"batch {batch_id} was decided by someone else meanwhile")
        record(store.con, reviewer, f"batch.{decision}", batch_id, {"note": note} if note else None)
    return Decision(batch_id, state, reviewer, now, int(row.get("rows_added") or 0))


def _literal(text: str) -> str:
    """A SQL string literal (quotes doubled; NUL refused)."""
    if "\x00" in text:
        raise ReviewError("NUL character in a name", 422)
    return "'" + text.replace("'", "''") + "'"
