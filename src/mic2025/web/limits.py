"""Limits enforced before any work: who is calling, how much they may send, how often
they may fail.

The guard is a plain ASGI middleware in front of the app, so it acts before FastAPI
reads a body:

1. **Authenticate first.** A request to a write endpoint (any method but GET/HEAD
   under ``/api`` that a route serves) without a valid token is refused with 401
   before one byte of its body is read; the connection is closed so the client stops
   sending.  The principal is handed on in ``scope["state"]``.
2. **Failed tokens are rate limited** per client address: after
   ``auth_failures`` failures within ``auth_window`` seconds the address gets 429
   with ``Retry-After`` on every authenticated endpoint until the window has passed.
3. **Bodies are capped.** A declared ``Content-Length`` above the cap is refused with
   413 at once; every body, declared or chunked, is counted as it streams in and the
   request fails with 413 the moment it passes the cap, so neither memory nor the
   upload's temporary file can grow beyond it.  JSON bodies (parsed in memory) have a
   smaller cap than file uploads (spooled to disk).
4. **HEAD** is served on every GET route, as the GET without its body.

Every limit comes from the environment (``MIC2025_MAX_JSON_BYTES``,
``MIC2025_MAX_UPLOAD_BYTES``, ``MIC2025_AUTH_FAILURES``, ``MIC2025_AUTH_WINDOW_SECONDS``,
``MIC2025_CORS_ORIGINS``) or ``mic2025 serve`` options; see docs/web.md.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MiB = 1 << 20


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"${name} must be a whole number, not {raw!r}") from exc
    if value < 1:
        raise ValueError(f"${name} must be at least 1")
    return value


@dataclass(frozen=True)
class Limits:
    """The service's limits; :meth:`from_environment` reads them from ``MIC2025_*``."""

    max_json_bytes: int = 16 * MiB
    """JSON bodies (``POST /api/observations``, ``/api/sources``, review, tokens)."""
    max_upload_bytes: int = 64 * MiB
    """Multipart bodies (``POST /api/observations/file``): the file and its form fields."""
    auth_failures: int = 10
    """Failed authentications per client address within ``auth_window`` before 429."""
    auth_window: float = 60.0
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    """Origins allowed to read the API from a browser (GET and HEAD only); empty = off."""

    @classmethod
    def from_environment(cls, **overrides: Any) -> Limits:
        origins = tuple(o.strip() for o in os.environ.get("MIC2025_CORS_ORIGINS", "").split(",") if o.strip())
        values: dict[str, Any] = {
            "max_json_bytes": _env_int("MIC2025_MAX_JSON_BYTES", cls.max_json_bytes),
            "max_upload_bytes": _env_int("MIC2025_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            "auth_failures": _env_int("MIC2025_AUTH_FAILURES", cls.auth_failures),
            "auth_window": float(_env_int("MIC2025_AUTH_WINDOW_SECONDS", int(cls.auth_window))),
            "cors_origins": origins,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def environment(self) -> dict[str, str]:
        """These limits as the variables that recreate them (for worker processes)."""
        return {
            "MIC2025_MAX_JSON_BYTES": str(self.max_json_bytes),
            "MIC2025_MAX_UPLOAD_BYTES": str(self.max_upload_bytes),
            "MIC2025_AUTH_FAILURES": str(self.auth_failures),
            "MIC2025_AUTH_WINDOW_SECONDS": str(math.ceil(self.auth_window)),
            "MIC2025_CORS_ORIGINS": ",".join(self.cors_origins),
        }


class FailureLimiter:
    """Failed authentications per client address in a sliding window (one per process).

    Bounded memory: at most ``max_clients`` addresses are tracked, the least recently
    seen forgotten first.
    """

    def __init__(self, failures: int, window: float, max_clients: int = 10_000) -> None:
        self.failures = failures
        self.window = window
        self.max_clients = max_clients
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it may now."""
        now = time.monotonic()
        with self._lock:
            times = self._seen.get(client)
            if not times:
                return 0
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) < self.failures:
                return 0
            return max(1, math.ceil(times[0] + self.window - now))

    def fail(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            times = self._seen.pop(client, None) or deque()
            times.append(now)
            while len(times) > self.failures:
                times.popleft()
            self._seen[client] = times
            while len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)


class BodyTooLarge(HTTPException):
    """Raised inside the body stream; FastAPI passes HTTP errors from it on as they are."""

    def __init__(self, limit: int, what: str) -> None:
        super().__init__(
            413, f"{what} larger than {_size(limit)}; nothing was written", headers={"Connection": "close"}
        )


def _size(n: int) -> str:
    return f"{n // MiB} MiB" if n % MiB == 0 else f"{n:,} bytes"


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def bearer(scope: Scope) -> str | None:
    """The token of an ``Authorization: Bearer`` header, or None."""
    for name, value in scope.get("headers") or ():
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
            return None
    return None


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers") or ():
        if name == wanted:
            return value.decode("latin-1")
    return None


Refusal = tuple[int, dict[str, Any], dict[str, str]]
"""A status, a JSON body and headers: what the guard answers instead of the app."""


async def send_json(send: Send, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
    payload = json.dumps(body).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


class Guard:
    """The ASGI middleware described in the module docstring.

    ``authenticate`` maps a token to a principal (or None) and may block: it runs in
    the thread pool.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        limits: Limits,
        limiter: FailureLimiter,
        authenticate: Callable[[str], Any],
        methods: Callable[[str], set[str]],
    ) -> None:
        self.app = app
        self.limits = limits
        self.authenticate = authenticate
        self.methods = methods
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD":
            await self._head(scope, receive, send)
            return
        if not self._guarded(scope):
            await self.app(scope, receive, send)
            return
        refusal = await self._authenticate(scope) or self._body_refusal(scope)
        if refusal is not None:
            await send_json(send, *refusal)
            return
        cap, what = self._cap(scope)
        await self.app(scope, _capped(receive, cap, what), send)

    def _guarded(self, scope: Scope) -> bool:
        """A write to a route that exists; reads, pages and 404/405s pass unguarded (the
        last without reading the body)."""
        if scope["method"] in ("GET", "OPTIONS") or not scope["path"].startswith("/api/"):
            return False
        return self._served(scope)

    async def _authenticate(self, scope: Scope) -> Refusal | None:
        """Rate limit, then the token: the principal goes into the scope, or a refusal."""
        client = client_address(scope)
        wait = self.limiter.retry_after(client)
        if wait:
            error = f"too many failed authentications from {client}; retry in {wait} s"
            return 429, {"error": error, "problems": []}, {"Retry-After": str(wait), "Connection": "close"}
        token = bearer(scope)
        try:
            who = await run_in_threadpool(self.authenticate, token) if token else None
        except Exception:  # the store cannot be asked now (a database restart): not the client's fault
            error = "cannot check the token now: the database is not reachable; retry shortly"
            return 503, {"error": error}, {"Retry-After": "2", "Connection": "close"}
        if who is None:
            if token:  # a guess; a request with no token at all guesses nothing
                self.limiter.fail(client)
            message = (
                "unknown, revoked or expired token"
                if token
                else "this endpoint needs a token: send 'Authorization: Bearer <token>'"
            )
            return (
                401,
                {"error": message, "problems": []},
                {"WWW-Authenticate": "Bearer", "Connection": "close"},
            )
        scope.setdefault("state", {})["principal"] = who
        return None

    def _cap(self, scope: Scope) -> tuple[int, str]:
        """The body cap for this request: uploads (multipart) get the larger one."""
        content_type = (_header(scope, b"content-type") or "").lower()
        if content_type.startswith("multipart/"):
            return self.limits.max_upload_bytes, "upload"
        return self.limits.max_json_bytes, "request body"

    def _body_refusal(self, scope: Scope) -> Refusal | None:
        """400 for an unreadable Content-Length, 413 for one over the cap, before reading."""
        declared = _header(scope, b"content-length")
        if declared is None:
            return None  # streamed: ``_capped`` counts as it reads
        try:
            length = int(declared)
        except ValueError:
            length = -1
        if length < 0:
            return 400, {"error": "invalid Content-Length", "problems": []}, {"Connection": "close"}
        cap, what = self._cap(scope)
        if length > cap:
            return 413, {"error": BodyTooLarge(cap, what).detail, "problems": []}, {"Connection": "close"}
        return None

    def _served(self, scope: Scope) -> bool:
        """Whether a route serves this path with this method (else the app says 404/405)."""
        return scope["method"] in self.methods(scope["path"])

    async def _head(self, scope: Scope, receive: Receive, send: Send) -> None:
        """HEAD as GET without the body (headers, Content-Length included, kept)."""

        async def drop_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, drop_body)


def _capped(receive: Receive, cap: int, what: str) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise BodyTooLarge(cap, what)
        return message

    return wrapped
