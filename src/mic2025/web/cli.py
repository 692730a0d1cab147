"""``mic2025 serve``, ``mic2025 tokens`` and ``mic2025 review``.

Tokens live in the store, so the server and the CLI see the same ones; a token is
printed once when it is made and only its hash is kept.  The server keeps no DuckDB
file open between requests and reads tokens on every request, so ``tokens revoke``
works while it runs and takes effect on the next request (PostgreSQL likewise).

``review`` is the local reviewer's desk: whoever can open the store is trusted, so
the CLI may decide on any pending batch; every decision goes to the audit log under
``cli:<user>``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mic2025.cli.common import DbOption, PlanOption, fail, open_monitor, say

if TYPE_CHECKING:
    from fastapi import FastAPI

    from mic2025.web.limits import Limits

tokens_app = typer.Typer(help="API tokens: who may write which figures.", no_args_is_help=True)
review_app = typer.Typer(
    help="Review submitted batches: list what waits, approve or reject.", no_args_is_help=True
)


def serve_command(
    host: Annotated[
        str, typer.Option(help="Interface to listen on (127.0.0.1 = this machine only)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8025,
    workers: Annotated[int, typer.Option(help="Worker processes (use PostgreSQL for more than one)")] = 1,
    max_json_mb: Annotated[
        int | None,
        typer.Option(help="Largest JSON body in MiB (env MIC2025_MAX_JSON_BYTES; default 16)", min=1),
    ] = None,
    max_upload_mb: Annotated[
        int | None,
        typer.Option(help="Largest file upload in MiB (env MIC2025_MAX_UPLOAD_BYTES; default 64)", min=1),
    ] = None,
    auth_failures: Annotated[
        int | None,
        typer.Option(
            help="Failed tokens per client address in 60 s before 429 "
            "(env MIC2025_AUTH_FAILURES; default 10)",
            min=1,
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            help="Origin allowed to read the API from a browser, read-only "
            "(repeatable; env MIC2025_CORS_ORIGINS)"
        ),
    ] = None,
    keep_alive: Annotated[
        int, typer.Option(help="Seconds an idle connection stays open (longer than a proxy's)", min=1)
    ] = 30,
    db: DbOption = None,
    plan: PlanOption = None,
) -> None:
    """Serve the REST API (/api) and the five-language dashboard (/) with uvicorn."""
    from mic2025.store.connection import resolve_location
    from mic2025.web.limits import MiB

    location = resolve_location(db)
    limits = _limits(max_json_mb, max_upload_mb, auth_failures, cors_origin)
    app = _open_app(location, plan, limits)
    say(f"mic2025: serving {location} on http://{host}:{port}/  (API description: /openapi.json)")
    say(
        f"limits: JSON {limits.max_json_bytes / MiB:g} MiB, uploads {limits.max_upload_bytes / MiB:g} MiB, "
        f"{limits.auth_failures} failed tokens per {limits.auth_window:g} s per address"
    )
    if workers > 1:
        _serve_workers(
            app, location, plan, limits, host=host, port=port, workers=workers, keep_alive=keep_alive
        )
    else:
        _serve_one(app, host=host, port=port, keep_alive=keep_alive)


def _limits(
    max_json_mb: int | None,
    max_upload_mb: int | None,
    auth_failures: int | None,
    cors_origin: list[str] | None,
) -> Limits:
    """The options over the ``MIC2025_*`` environment; a bad value stops with its reason."""
    from mic2025.web.limits import Limits, MiB

    try:
        return Limits.from_environment(
            max_json_bytes=max_json_mb * MiB if max_json_mb else None,
            max_upload_bytes=max_upload_mb * MiB if max_upload_mb else None,
            auth_failures=auth_failures,
            cors_origins=tuple(cors_origin) if cors_origin else None,
        )
    except ValueError as exc:
        fail(str(exc))


def _open_app(location: str, plan: Path | None, limits: Limits) -> FastAPI:
    """The app on an existing store; a missing store stops with "run mic2025 init"."""
    from mic2025.store.connection import StoreNotFound
    from mic2025.web.app import create_app

    try:
        return create_app(location, plan_path=plan, limits=limits)
    except StoreNotFound as exc:
        fail(str(exc), code=1)


def _serve_one(app: FastAPI, *, host: str, port: int, keep_alive: int) -> None:
    """One process serving ``app`` until interrupted; the store is closed after."""
    import uvicorn

    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            workers=1,
            log_level="info",
            timeout_graceful_shutdown=10,
            timeout_keep_alive=keep_alive,
        )
    finally:
        app.state.publication.close()


def _serve_workers(
    app: FastAPI,
    location: str,
    plan: Path | None,
    limits: Limits,
    *,
    host: str,
    port: int,
    workers: int,
    keep_alive: int,
) -> None:
    """Several worker processes, each building its own app from the environment (the
    app opened here only proved the store exists, and is closed)."""
    import os

    import uvicorn

    from mic2025.store.connection import is_postgres

    if not is_postgres(location):
        say("note: several workers share a DuckDB file one write at a time; PostgreSQL scales further")
    app.state.publication.close()
    os.environ["MIC2025_DB"] = location
    os.environ.update(limits.environment())
    if plan is not None:
        os.environ["MIC2025_PLAN"] = str(plan)
    _run_workers(
        uvicorn.Config(
            "mic2025.web.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            timeout_graceful_shutdown=10,
            timeout_keep_alive=keep_alive,
        )
    )


def _run_workers(config: object) -> None:
    """uvicorn's supervisor over ``config.workers`` processes, with TCP_NODELAY set on
    the listening socket.

    The workers get the socket through a pickled file descriptor, which asyncio no
    longer recognises as TCP, so it leaves Nagle's algorithm on for every connection:
    a small answer then waits for the client's delayed ACK (40 ms on Linux, measured
    by bench/bench_api.py).  Accepted sockets inherit the option from the listener.
    """
    import socket

    from uvicorn.supervisors import Multiprocess

    sock = config.bind_socket()  # type: ignore[attr-defined]
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()  # type: ignore[arg-type]


def _expiry(expires: str | None, days: int | None) -> dt.datetime | None:
    if expires and days:
        fail("give --expires or --days, not both")
    if days:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=days)
    if expires:
        try:
            when = dt.datetime.fromisoformat(expires)
        except ValueError:
            fail(f"--expires {expires!r}: write YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)")
        if when.tzinfo is not None:
            when = when.astimezone(dt.UTC).replace(tzinfo=None)
        return when
    return None


@tokens_app.command("add")
def add(
    name: Annotated[str, typer.Option("--name", help="Who holds it, e.g. gd-statistics-bureau")],
    scope: Annotated[
        list[str],
        typer.Option("--scope", help="area:CN-GD, area:*, entity:ID, sources, review or admin (repeatable)"),
    ],
    expires: Annotated[
        str | None, typer.Option(help="Refused from this date or time on (UTC), e.g. 2026-12-31")
    ] = None,
    days: Annotated[int | None, typer.Option(help="Valid for this many days", min=1)] = None,
    db: DbOption = None,
) -> None:
    """Make a token; it is printed once and cannot be shown again."""
    from mic2025.store.tokens import issue_token

    when = _expiry(expires, days)
    with open_monitor(db, write=True) as m:
        try:
            token = issue_token(m.store.con, name, scope, expires_at=when, actor=_operator())
        except ValueError as exc:
            fail(str(exc))
    typer.echo(token)
    until = f", valid until {when:%Y-%m-%d %H:%M} UTC" if when else ""
    say(
        f"token for {name!r} with scopes {' '.join(sorted(set(scope)))}{until}; "
        "store it now, it is not shown again"
    )


@tokens_app.command("list")
def list_command(db: DbOption = None) -> None:
    """Every token's name, scopes, creation and expiry times and state (never the token)."""
    from mic2025.store.tokens import list_tokens

    with open_monitor(db) as m:
        rows = list_tokens(m.store.con)
    if not rows:
        say("no tokens")
        return
    for r in rows:
        state = "revoked" if r["revoked"] else ("expired" if r["expired"] else "active")
        until = f"{r['expires_at']:%Y-%m-%d %H:%M}" if r["expires_at"] else "-"
        typer.echo(f"{r['name']}\t{r['scopes']}\t{r['created_at']:%Y-%m-%d %H:%M}\t{until}\t{state}")


@tokens_app.command("revoke")
def revoke(
    name: Annotated[str, typer.Option("--name", help="Revoke every token of this holder")],
    db: DbOption = None,
) -> None:
    """Revoke a holder's tokens at once; a running server refuses them on the next request."""
    from mic2025.store.tokens import list_tokens, revoke_tokens

    with open_monitor(db, write=True) as m:
        if not any(r["name"] == name for r in list_tokens(m.store.con)):
            fail(f"no token named {name!r}", code=1)
        try:
            revoke_tokens(m.store.con, name, actor=_operator())
        except ValueError as exc:
            fail(str(exc))
    say(f"revoked the tokens of {name!r}")


def _operator() -> str:
    import getpass

    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli:unknown"


@review_app.command("list")
def review_list(
    state: Annotated[str, typer.Option(help="pending, approved or rejected")] = "pending",
    db: DbOption = None,
) -> None:
    """Batches in one review state (pending by default), oldest first."""
    if state not in ("pending", "approved", "rejected"):
        fail("--state must be pending, approved or rejected")
    with open_monitor(db) as m:
        frame = m.store.batches_expr(state).to_pyarrow().to_pandas()
    if frame.empty:
        say(f"no {state} batches")
        return
    for r in frame.to_dict("records"):
        typer.echo(
            f"{r['id']}\t{r['who']}\t{r['origin']}\t{r['rows_added']} row(s)\t{r['loaded_at']:%Y-%m-%d %H:%M}"
        )


def _decide(batch: str, decision: str, note: str | None, db: str | None) -> None:
    from mic2025.store.review import ReviewError, decide

    with open_monitor(db, write=True) as m:
        try:
            made = decide(m.store, batch, decision, _operator(), note=note, may_decide_own=True)
        except ReviewError as exc:
            fail(str(exc), code=1)
    say(f"batch {made.batch}: {made.review} ({made.rows} row(s))")


@review_app.command("approve")
def review_approve(
    batch: Annotated[str, typer.Argument(help="Batch id (mic2025 review list)")],
    note: Annotated[str | None, typer.Option(help="Why, for the audit log")] = None,
    db: DbOption = None,
) -> None:
    """Publish a pending batch: its figures are public from the next request on."""
    _decide(batch, "approve", note, db)


@review_app.command("reject")
def review_reject(
    batch: Annotated[str, typer.Argument(help="Batch id (mic2025 review list)")],
    note: Annotated[str | None, typer.Option(help="Why, for the audit log")] = None,
    db: DbOption = None,
) -> None:
    """Refuse a pending batch: its figures are never published (they stay stored)."""
    _decide(batch, "reject", note, db)
