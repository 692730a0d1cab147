"""``mic2025 serve`` and ``mic2025 tokens``.

Tokens live in the store, so the server and the CLI see the same ones; a token is
printed once when it is made and only its hash is kept.  The server keeps no DuckDB
file open between requests, so ``tokens revoke`` works while it runs and takes
effect on the next request.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mic2025.cli.common import DbOption, PlanOption, fail, open_monitor, say

tokens_app = typer.Typer(help="API tokens: who may write which figures.", no_args_is_help=True)


def serve_command(
    host: Annotated[
        str, typer.Option(help="Interface to listen on (127.0.0.1 = this machine only)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8025,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    db: DbOption = None,
    plan: PlanOption = None,
) -> None:
    """Serve the REST API (/api) and the five-language dashboard (/) with uvicorn."""
    import os

    import uvicorn

    from mic2025.store.connection import StoreNotFound, resolve_location

    location = resolve_location(db)
    try:
        from mic2025.web.app import create_app

        app = create_app(location, plan_path=plan)
    except StoreNotFound as exc:
        fail(str(exc), code=1)
    say(f"mic2025: serving {location} on http://{host}:{port}/  (API description: /openapi.json)")
    if workers > 1:
        os.environ["MIC2025_DB"] = location
        if plan is not None:
            os.environ["MIC2025_PLAN"] = str(plan)
        uvicorn.run(
            "mic2025.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers
        )
        return
    try:
        uvicorn.run(app, host=host, port=port, workers=1, log_level="info")
    finally:
        app.state.publication.close()


@tokens_app.command("add")
def add(
    name: Annotated[str, typer.Option("--name", help="Who holds it, e.g. gd-statistics-bureau")],
    scope: Annotated[
        list[str],
        typer.Option("--scope", help="area:CN-GD, area:*, entity:ID, sources or admin (repeatable)"),
    ],
    db: DbOption = None,
) -> None:
    """Make a token; it is printed once and cannot be shown again."""
    from mic2025.store.tokens import issue_token

    with open_monitor(db, write=True) as m:
        try:
            token = issue_token(m.store.con, name, scope)
        except ValueError as exc:
            fail(str(exc))
    typer.echo(token)
    say(f"token for {name!r} with scopes {' '.join(sorted(set(scope)))}; store it now, it is not shown again")


@tokens_app.command("list")
def list_command(db: DbOption = None) -> None:
    """Every token's name, scopes, creation time and whether it is revoked (never the token)."""
    from mic2025.store.tokens import list_tokens

    with open_monitor(db) as m:
        rows = list_tokens(m.store.con)
    if not rows:
        say("no tokens")
        return
    for r in rows:
        state = "revoked" if r["revoked"] else "active"
        typer.echo(f"{r['name']}\t{r['scopes']}\t{r['created_at']:%Y-%m-%d %H:%M}\t{state}")


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
            revoke_tokens(m.store.con, name)
        except ValueError as exc:
            fail(str(exc))
    say(f"revoked the tokens of {name!r}")
