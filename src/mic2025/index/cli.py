"""``mic2025 index``: compute an index or run its uncertainty analysis from the shell."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from mic2025.cli.common import fail
from mic2025.exports import write_frame
from mic2025.index.builtins import BUILTIN_SPECS
from mic2025.years import parse_years

SPEC_HELP = f"spec path or built-in name ({', '.join(BUILTIN_SPECS)})"

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from mic2025.index.spec import IndexSpec

app = typer.Typer(
    help="Composite manufacturing-power indices (CAE MPDI, UNIDO CIP style).", no_args_is_help=True
)


class IndexOutput(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _years(text: str | None) -> list[int] | None:
    try:
        return parse_years(text)
    except ValueError as exc:
        fail(f"--years: {exc}")


def _load(spec: str) -> IndexSpec:
    from mic2025.index.spec import SpecError, load_spec

    try:
        return load_spec(spec)
    except SpecError as exc:
        fail(str(exc))


def _table(df: pd.DataFrame, title: str, console: Console) -> None:
    from rich.table import Table

    t = Table(title=title)
    for c in df.columns:
        t.add_column(str(c))
    for row in df.itertuples(index=False):
        t.add_row(*[_fmt(v) for v in row])
    console.print(t)


def _fmt(v: object) -> str:
    import pandas as pd

    if v is None or (isinstance(v, float) and pd.isna(v)):
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def _sources_text(sources: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in sources.items() if not k.startswith("_")) + (
        f" | files: {sources.get('_files', '')}"
    )


@app.command()
def compute(
    spec: str = typer.Argument(..., metavar="SPEC", help=SPEC_HELP),
    years: str = typer.Option(None, "--years", help="e.g. 2012,2015 or 2010-2021"),
    fmt: IndexOutput = typer.Option(IndexOutput.table, "--format", help="table|csv|json"),  # noqa: B008
) -> None:
    """Score, rank, tier and dimension scores per country and year, plus the strategy steps."""
    from rich.console import Console

    from mic2025.index.compute import compute_index

    s = _load(spec)
    res = compute_index(s, years=_years(years))
    sc = res.scores.copy()
    dims = res.dimensions.pivot_table(
        index=["country", "year"], columns="dimension", values="score", dropna=False
    ).reset_index()
    out = sc.merge(dims, on=["country", "year"], how="left")
    out = out.sort_values(["year", "rank"], na_position="last")
    if fmt is IndexOutput.csv:
        out = out.assign(sources=_sources_text(res.sources))
        sys.stdout.write(write_frame(out, "csv") or "")
        return
    if fmt is IndexOutput.json:
        payload = {
            "spec": s.index.id,
            "name": s.index.name,
            "sources": res.sources,
            "departures": s.departures,
            "weights": res.weights.to_dict(orient="records"),
            "scores": json.loads(out.to_json(orient="records")),
            "steps": json.loads(res.steps.to_json(orient="records")) if len(res.steps) else [],
            "steps_supported": bool(res.steps_reading and res.steps_reading.supported),
            "steps_reason": res.steps_reading.reason if res.steps_reading else "",
            "reference_checks": json.loads(res.steps_reading.checks.to_json(orient="records"))
            if res.steps_reading
            else [],
        }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    console = Console()
    cols = ["country", "year", "score", "rank", "tier", "coverage", "n_imputed", *s.dimension_ids]
    for y in sorted(out["year"].unique()):
        block = out[(out["year"] == y) & out["score"].notna()][cols]
        if len(block):
            _table(block, f"{s.index.name} — {y}", console)
    _print_steps(res, console)
    console.print(f"[dim]Data: {_sources_text(res.sources)}[/dim]")


def _print_steps(res: object, console: Console) -> None:
    """The strategy's steps only where the index reproduces a published ranking; else why not."""
    reading = res.steps_reading  # type: ignore[attr-defined]
    if reading is not None and len(reading.checks):
        checks = reading.checks[
            ["reference_year", "index_year", "n", "rho", "place_index", "place_reference"]
        ]
        whole = ["index_year", "place_index", "place_reference"]
        checks = checks.astype({c: "Int64" for c in whole}).astype({c: "string" for c in whole}).fillna("—")
        _table(checks, "Check against the published ranking (Spearman's rho; China's place)", console)
    if reading is not None and reading.supported and len(res.steps):  # type: ignore[attr-defined]
        _table(res.steps, "Strategy steps (China vs the powerhouse group)", console)  # type: ignore[attr-defined]
        console.print(f"[dim]{reading.reason}[/dim]")
    elif reading is not None:
        console.print(f"Strategy steps: not stated — {reading.reason}.")


@app.command()
def uncertainty(
    spec: str = typer.Argument(..., metavar="SPEC", help=SPEC_HELP),
    n: int = typer.Option(10_000, "--n", help="minimum number of Monte Carlo evaluations"),
    seed: int = typer.Option(20250519, "--seed"),
    years: str = typer.Option(None, "--years", help="years shown in the rank intervals"),
    fmt: IndexOutput = typer.Option(IndexOutput.table, "--format", help="table|csv|json"),  # noqa: B008
) -> None:
    """Rank intervals (5th–95th percentile) and Sobol S1/ST per methodological choice."""
    from rich.console import Console

    from mic2025.index.uncertainty import run_uncertainty

    s = _load(spec)
    res = run_uncertainty(s, n=n, seed=seed, years=_years(years))
    if fmt is IndexOutput.csv:
        src = _sources_text(res.sources)
        typer.echo("# rank intervals")
        sys.stdout.write(write_frame(res.rank_intervals.assign(sources=src), "csv") or "")
        typer.echo("# sobol indices")
        sys.stdout.write(write_frame(res.sobol, "csv") or "")
        return
    if fmt is IndexOutput.json:
        payload = {
            "spec": res.spec_id,
            "n_evaluations": res.n_evaluations,
            "base_n": res.base_n,
            "seed": res.seed,
            "target": [res.target_country, res.target_year],
            "options": res.options,
            "nan_outputs": res.nan_outputs,
            "sources": res.sources,
            "rank_intervals": json.loads(res.rank_intervals.to_json(orient="records")),
            "sobol": json.loads(res.sobol.to_json(orient="records")),
            "step_probabilities": json.loads(res.step_probabilities.to_json(orient="records")),
        }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(
        f"{res.spec_id}: {res.n_evaluations} evaluations (Saltelli N={res.base_n}), seed {res.seed}"
    )
    last = res.rank_intervals["year"].max()
    _table(
        res.rank_intervals[res.rank_intervals["year"] == last].sort_values("nominal_rank"),
        f"Rank intervals {last}",
        console,
    )
    _table(res.sobol, "Sobol indices (S1 first-order, ST total)", console)
    if len(res.step_probabilities):
        sp = res.step_probabilities
        _table(sp[sp["year"] == sp["year"].max()], "Probability each step is reached", console)
    else:
        console.print(
            "Probability of each step: not stated (the index does not reproduce a published ranking; "
            "see `mic2025 index compute`)."
        )
    console.print(f"[dim]Data: {_sources_text(res.sources)}[/dim]")
