"""API tokens with scopes, kept in the store so a server and the CLI share them.

Only a token's SHA-256 is stored; the token itself is shown once when it is made.
Scopes say what a holder may write:

- ``area:CN-GD`` — figures for Guangdong only (a province's reporter);
  ``area:*`` — any area (a national statistics office);
- ``entity:E123`` — figures for one reporting unit only (an enterprise);
- ``sources`` — register sources;
- ``review`` — approve or reject submitted batches, read what awaits review, see
  batches and the audit log;
- ``admin`` — everything, including tokens; an admin's own writes are published at once.

Reading published figures needs no token.  A token may carry an expiry date
(``expires_at``, UTC): from then on it is refused like a revoked one.  Issuing and
revoking are recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

import pyarrow as pa
from ibis.backends import BaseBackend

from mic2025.store.connection import transaction
from mic2025.store.schema import TOKEN_SCHEMA, TOKENS

SCOPES_HELP = "area:CN-GD, area:*, entity:ID, sources, review or admin"


@dataclass(frozen=True)
class Principal:
    """Who is calling and what they may write."""

    name: str
    scopes: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return "admin" in self.scopes

    def may_write_area(self, area: str) -> bool:
        return self.is_admin or "area:*" in self.scopes or f"area:{area}" in self.scopes

    def may_write_entity(self, entity: str) -> bool:
        """Unit-scoped holders write only their own unit; others are limited by area."""
        units = {s.removeprefix("entity:") for s in self.scopes if s.startswith("entity:")}
        return not units or entity in units

    def has(self, scope: str) -> bool:
        return self.is_admin or scope in self.scopes

    @property
    def is_reviewer(self) -> bool:
        return self.has("review")

    @property
    def trusted(self) -> bool:
        """Whether this holder's writes are published without review (admin only)."""
        return self.is_admin


NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


def _check_name(name: str) -> str:
    if not NAME_PATTERN.match(name):
        raise ValueError(f"token name {name!r}: use letters, digits and _ . @ - (at most 64)")
    return name


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def validate_scopes(scopes: list[str]) -> list[str]:
    from mic2025.store.areas import is_valid_area

    for scope in scopes:
        if scope in ("admin", "sources", "review", "area:*"):
            continue
        if scope.startswith("area:") and is_valid_area(scope.removeprefix("area:")):
            continue
        if scope.startswith("entity:") and len(scope) > len("entity:"):
            continue
        raise ValueError(f"unknown scope {scope!r}: use {SCOPES_HELP}")
    return scopes


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def issue_token(
    con: BaseBackend,
    name: str,
    scopes: list[str],
    *,
    expires_at: dt.datetime | dt.date | None = None,
    actor: str = "cli",
) -> str:
    """Create a token for ``name`` with ``scopes``; returns the secret (shown once).

    ``expires_at`` (UTC; a date means its midnight) ends the token's life by itself.
    """
    from mic2025.store.audit import record

    _check_name(name)
    validate_scopes(scopes)
    if isinstance(expires_at, dt.date) and not isinstance(expires_at, dt.datetime):
        expires_at = dt.datetime.combine(expires_at, dt.time())
    if isinstance(expires_at, dt.datetime) and expires_at.tzinfo is not None:
        expires_at = expires_at.astimezone(dt.UTC).replace(tzinfo=None)
    if expires_at is not None and expires_at <= _now():
        raise ValueError(f"expiry {expires_at:%Y-%m-%d %H:%M} UTC is already past")
    token = "mic_" + secrets.token_urlsafe(24)
    row = {
        "name": name,
        "sha256": _digest(token),
        "scopes": " ".join(sorted(set(scopes))),
        "created_at": _now(),
        "revoked": False,
        "expires_at": expires_at,
    }
    with transaction(con):
        con.insert(TOKENS, pa.Table.from_pylist([row], schema=TOKEN_SCHEMA.to_pyarrow()))
        detail = {"scopes": row["scopes"], "expires_at": expires_at.isoformat() if expires_at else None}
        record(con, actor, "token.add", name, detail)
    return token


def resolve_token(con: BaseBackend, token: str) -> Principal | None:
    """The principal a token stands for, or None when unknown, revoked or expired."""
    if not token or len(token) > 256:
        return None
    table = con.table(TOKENS)
    hit = table.filter((table.sha256 == _digest(token)) & ~table.revoked.fill_null(False))
    rows = hit.select("name", "scopes", "expires_at").to_pyarrow().to_pylist()
    if not rows:
        return None
    expires = rows[0]["expires_at"]
    if expires is not None and expires.replace(tzinfo=None) <= _now():
        return None
    return Principal(rows[0]["name"], frozenset(rows[0]["scopes"].split()))


def revoke_tokens(con: BaseBackend, name: str, *, actor: str = "cli") -> int:
    """Revoke every active token of ``name``; returns how many were active."""
    from mic2025.store.audit import record

    _check_name(name)
    table = con.table(TOKENS)
    active = int(table.filter((table.name == name) & ~table.revoked.fill_null(False)).count().execute())
    with transaction(con):
        # the name is checked against NAME_PATTERN, so it cannot break out of the literal
        con.raw_sql(f"UPDATE {TOKENS} SET revoked = TRUE WHERE name = '{name}'")
        record(con, actor, "token.revoke", name, {"tokens": active})
    return active


def list_tokens(con: BaseBackend) -> list[dict]:
    """Every token's name, scopes, dates and state, oldest first (never the secret)."""
    rows = (
        con.table(TOKENS)
        .select("name", "scopes", "created_at", "revoked", "expires_at")
        .order_by(["created_at", "name"])
        .to_pyarrow()
        .to_pylist()
    )
    now = _now()
    for r in rows:
        r["revoked"] = bool(r["revoked"])
        expires = r["expires_at"]
        r["expired"] = expires is not None and expires.replace(tzinfo=None) <= now
        r["active"] = not r["revoked"] and not r["expired"]
    return rows
