"""Every language's report from one reading of the store: the batch a publication needs.

Why this exists: writing the five languages one ``build_report`` call at a time read the
store and ran the whole evaluation once per file (ten times for HTML + PDF), and laid
the PDFs out one after another on one core, although figures, sources and verdicts do
not depend on the language.  Here they are read and evaluated once; only the model
(labels, formatted numbers, charts in the language's font) is built per language, and
each PDF — WeasyPrint's layout is most of the time — is laid out in a worker process
while the main process builds the next language.  The HTML is byte-for-byte what
``build_report`` gives for the same language and options (tested), so the batch is
only faster, never different.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from mic2025.plan.model import LANGUAGES, Plan
from mic2025.report.context import ReportModel, build_model
from mic2025.report.render_html import render_html
from mic2025.report.render_pdf import write_pdf_file


@dataclass(frozen=True)
class ReportInputs:
    """What every language's report is built from: read and evaluated once per batch."""

    plan: Plan
    observations: pd.DataFrame
    detail: pd.DataFrame
    heads: pd.DataFrame
    sources: pd.DataFrame
    milestone: int | None
    as_of: dt.date | None
    area: str
    generated: dt.date | None


def read_inputs(
    monitor: Any,
    milestone: int | None = None,
    as_of: dt.date | str | None = None,
    area: str = "CN",
    generated: dt.date | None = None,
) -> ReportInputs:
    """The store's figures and sources and the evaluation, as ``context.gather`` reads them."""
    from mic2025.evaluate.assessment import assess_store

    as_of_date = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    result = assess_store(monitor, as_of=as_of_date, area=area, today=generated)
    return ReportInputs(
        plan=monitor.plan,
        observations=monitor.observations(as_of=as_of_date),
        detail=result.detail,
        heads=result.heads,
        sources=monitor.sources(),
        milestone=milestone,
        as_of=as_of_date,
        area=area,
        generated=generated,
    )


def model_for(inputs: ReportInputs, lang: str) -> ReportModel:
    """One language's report model from the shared inputs (no store access)."""
    return build_model(
        inputs.plan,
        inputs.observations,
        inputs.detail,
        inputs.sources,
        lang=lang,
        milestone=inputs.milestone,
        as_of=inputs.as_of,
        area=inputs.area,
        generated=inputs.generated,
        heads=inputs.heads,
    )


class _InProcess(Executor):
    """Runs each job at once in this process: the pool when one worker is asked for."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:  # type: ignore[override]
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@contextmanager
def _pdf_pool(workers: int) -> Iterator[Executor]:
    """Worker processes for PDF layout, forked from a server that imported WeasyPrint once.

    ``forkserver`` rather than ``fork``: the main process holds a DuckDB connection and
    vl-convert's threads, which a forked child must not inherit; the server is a clean
    process, and preloading WeasyPrint there saves each worker its ~1 s import.
    """
    if workers <= 1:
        yield _InProcess()
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["mic2025.report.render_pdf", "weasyprint"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield pool


def write_reports(
    monitor: Any,
    out_dir: Path,
    langs: Sequence[str] = LANGUAGES,
    formats: Sequence[str] = ("html", "pdf"),
    milestone: int | None = None,
    as_of: dt.date | str | None = None,
    area: str = "CN",
    generated: dt.date | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Write ``report-<lang>.<fmt>`` for every language and format; return the paths.

    ``workers`` PDF layout processes (default: one per CPU, at most one per PDF; ``1``
    lays the PDFs out in this process).  Languages are written in the order given.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdfs = "pdf" in formats
    if workers is None:
        workers = min(os.cpu_count() or 1, len(langs)) if pdfs else 1
    written: list[Path] = []
    jobs: list[Future] = []
    with _pdf_pool(workers if pdfs else 1) as pool:
        inputs = read_inputs(monitor, milestone=milestone, as_of=as_of, area=area, generated=generated)
        for lang in langs:
            html = render_html(model_for(inputs, lang))
            if "html" in formats:
                path = out_dir / f"report-{lang}.html"
                path.write_text(html, encoding="utf-8")
                written.append(path)
            if pdfs:
                path = out_dir / f"report-{lang}.pdf"
                jobs.append(pool.submit(write_pdf_file, html, str(path)))
                written.append(path)
        for job in jobs:
            job.result()  # re-raises a worker's error here
    return written
