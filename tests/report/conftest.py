"""Fixtures for the report tests: one store with the bundled data, each report built once.

PDF rendering is the slow part (WeasyPrint lays out ~50 pages per language), so the
five PDFs are rendered once per session, from their HTML, two at a time in worker
processes; every PDF test then reads the same files.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import mic2025
from mic2025.plan.model import LANGUAGES
from mic2025.report import gather, render_html, render_pdf

POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo"))


@pytest.fixture(scope="session")
def monitor(bundled_db: Path) -> Iterator[mic2025.Monitor]:
    with mic2025.open(bundled_db) as m:
        yield m


@pytest.fixture(scope="session")
def models(monitor: mic2025.Monitor) -> dict:
    return {lang: gather(monitor, lang) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def htmls(models: dict) -> dict[str, str]:
    return {lang: render_html(model) for lang, model in models.items()}


def _pdf_and_poppler(job: tuple[str, str, str]) -> dict[str, str]:
    """In a worker: render one PDF, write it, and run pdftotext/pdffonts on it.

    Doing all three in the worker lets one language's poppler runs (seconds each on CJK
    pages) overlap with another language's WeasyPrint layout.
    """
    _lang, html, path = job
    Path(path).write_bytes(render_pdf(html))
    out = {"path": path}
    if POPPLER:
        out["text"] = _run(["pdftotext", "-enc", "UTF-8", path, "-"])
        out["fonts"] = _run(["pdffonts", path])
    return out


def _run(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


@pytest.fixture(scope="session")
def rendered(htmls: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Per language: the PDF path and, when poppler is installed, its text and font list."""
    out = tmp_path_factory.mktemp("pdf")
    jobs = [(lang, html, str(out / f"report-{lang}.pdf")) for lang, html in htmls.items()]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(zip(htmls, pool.map(_pdf_and_poppler, jobs), strict=True))


@pytest.fixture(scope="session")
def pdfs(rendered: dict[str, dict[str, str]]) -> dict[str, Path]:
    return {lang: Path(r["path"]) for lang, r in rendered.items()}
