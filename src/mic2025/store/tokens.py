"""API tokens with scopes, kept in the store so a server and the CLI share them.

Only a token's SHA-256 is stored; the token itself is shown once when it is made.
Scopes say what a holder may write:

- ``area:CN-GD`` — figures for Guangdong only (a province's reporter);
  ``area:*`` — any area (a national statistics office);
- ``entity:E123`` — figures for one reporting unit only (an enterprise);
- ``sources`` — register sources;  ``admin`` — everything, including tokens.

Reading needs no token: the published figures are public.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

import pyarrow as pa
from ibis.backends import BaseBackend

from mic2025.store.schema import TOKEN_SCHEMA, TOKENS


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
        if scope in ("admin", "sources", "area:*"):
            continue
        if scope.startswith("area:") and is_valid_area(scope.removeprefix("area:")):
            continue
        if scope.startswith("entity:") and len(scope) > len("entity:"):
            continue
        raise ValueError(f"unknown scope {scope!r}: use area:CN-GD, area:*, entity:ID, sources or admin")
    return scopes


def issue_token(con: BaseBackend, name: str, scopes: list[str]) -> str:
    """Create a token for ``name`` with ``scopes``; returns the secret (shown once)."""
    _check_name(name)
    validate_scopes(scopes)
    token = "mic_" + secrets.token_urlsafe(24)
    row = {
        "name": name,
        "sha256": _digest(token),
        "scopes": " ".join(sorted(set(scopes))),
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "revoked": False,
    }
    con.insert(TOKENS, pa.Table.from_pylist([row], schema=TOKEN_SCHEMA.to_pyarrow()))
    return token


def resolve_token(con: BaseBackend, token: str) -> Principal | None:
    """The principal a token stands for, or None when unknown or revoked."""
    table = con.table(TOKENS)
    hit = table.filter((table.sha256 == _digest(token)) & ~table.revoked.fill_null(False))
    rows = hit.select("name", "scopes").to_pyarrow().to_pylist()
    if not rows:
        return None
    return Principal(rows[0]["name"], frozenset(rows[0]["scopes"].split()))


def revoke_tokens(con: BaseBackend, name: str) -> None:
    # the name is checked against NAME_PATTERN, so it cannot break out of the literal
    con.raw_sql(f"UPDATE {TOKENS} SET revoked = TRUE WHERE name = '{_check_name(name)}'")


def list_tokens(con: BaseBackend) -> list[dict]:
    return con.table(TOKENS).select("name", "scopes", "created_at", "revoked").to_pyarrow().to_pylist()
