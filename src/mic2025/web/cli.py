"""``mic2025 serve`` and ``mic2025 tokens`` (the lead registers them on the root app).

Tokens live in the store, so the server and the CLI see the same ones; a token is
printed once when it is made and only its hash is kept.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mic2025.cli.common import DbOption

app = typer.Typer(help="API tokens: who may write which figures.", no_args_is_help=True)


def serve_command(
    host: Annotated[
        str, typer.Option(help="Interface to listen on (127.0.0.1 = this machine only)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8025,
    db: DbOption = None,
) -> None:
    """Serve the REST API (/api) and the five-language dashboard (/) with uvicorn."""
    import uvicorn

    from mic2025.web.app import create_app

    # one worker: the app holds a single store connection (DuckDB allows one writer process)
    typer.echo(f"mic2025: serving on http://{host}:{port}/  (API description: /openapi.json)", err=True)
    app = create_app(db)
    try:
        uvicorn.run(app, host=host, port=port, workers=1, log_level="info")
    finally:
        app.state.publication.close()


def _open(db: str | None):
    import mic2025

    return mic2025.open(db)


@app.command("add")
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

    with _open(db) as m:
        try:
            token = issue_token(m.store.con, name, scope)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    typer.echo(token)
    typer.echo(
        f"token for {name!r} with scopes {' '.join(sorted(set(scope)))}; store it now, it is not shown again",
        err=True,
    )


@app.command("list")
def list_command(db: DbOption = None) -> None:
    """Every token's name, scopes, creation time and whether it is revoked (never the token)."""
    from mic2025.store.tokens import list_tokens

    with _open(db) as m:
        rows = list_tokens(m.store.con)
    if not rows:
        typer.echo("no tokens")
        return
    for r in rows:
        state = "revoked" if r["revoked"] else "active"
        typer.echo(f"{r['name']}\t{r['scopes']}\t{r['created_at']:%Y-%m-%d %H:%M}\t{state}")


@app.command("revoke")
def revoke(
    name: Annotated[str, typer.Option("--name", help="Revoke every token of this holder")],
    db: DbOption = None,
) -> None:
    """Revoke a holder's tokens at once; the server refuses them on the next request."""
    from mic2025.store.tokens import list_tokens, revoke_tokens

    with _open(db) as m:
        if not any(r["name"] == name for r in list_tokens(m.store.con)):
            typer.echo(f"error: no token named {name!r}", err=True)
            raise typer.Exit(1)
        try:
            revoke_tokens(m.store.con, name)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    typer.echo(f"revoked the tokens of {name!r}")
