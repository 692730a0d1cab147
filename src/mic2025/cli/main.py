"""The ``mic2025`` command: one sub-command group per part of the system.

Each command module imports its heavy libraries (pandas, Ibis, the engine) inside the
command function, so ``mic2025 --help`` and ``mic2025 plan show`` start in a fraction
of a second (measured by ``bench/bench_startup.py``).
"""

from __future__ import annotations

import typer

from mic2025.cli.scorecard import scorecard
from mic2025.evaluate.cli import evaluate_command
from mic2025.index.cli import app as index_app
from mic2025.ingest.cli import ingest, init
from mic2025.microdata.cli import app as microdata_app
from mic2025.plan.cli import app as plan_app
from mic2025.report.cli import report_command
from mic2025.store.cli import batches, observations, sources_app
from mic2025.web.cli import review_app, serve_command, tokens_app

app = typer.Typer(
    name="mic2025",
    help="Monitoring and evaluation of Made in China 2025: plan, figures, evaluation, reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("init")(init)
app.command("scorecard")(scorecard)
app.command("evaluate")(evaluate_command)
app.command("report")(report_command)
app.command("ingest")(ingest)
app.command("observations")(observations)
app.command("batches")(batches)
app.add_typer(sources_app, name="sources")
app.add_typer(plan_app, name="plan")
app.add_typer(index_app, name="index")
app.add_typer(microdata_app, name="microdata")
app.command("serve")(serve_command)
app.add_typer(tokens_app, name="tokens")
app.add_typer(review_app, name="review")


def main() -> None:
    app()
