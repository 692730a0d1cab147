"""Benchmark: all ten reports (5 languages x HTML and PDF), today's renderer against the baseline.

Run: ``python bench/bench_report.py [--db PATH] [--out DIR] [--rounds N] [--baseline-rev REV]``.

Both sides run in this one command, on the same store, one after the other, each in a
fresh Python process:

* **baseline** — the report package as it was at ``--baseline-rev`` (main when the PDF
  speed work began), taken from git (``git archive``) into a temporary folder that is put
  first on ``PYTHONPATH``; it writes the ten reports as ``mic2025 report`` then did, one
  ``build_report`` call per file, languages in order, HTML before PDF.
* **now** — ``mic2025.report.batch.write_reports`` (what ``mic2025 report --lang all``
  runs): the store read and evaluated once, the PDFs laid out in worker processes.

Each side first builds one English HTML report and one tiny PDF (imports, fonts, the
vl-convert engine: start-up, which the timing leaves out), clears the chart cache and
then times the ten reports.  The ratio is baseline / now from the same run; with
``--rounds N`` the sides alternate N times and the medians are compared.  Page counts
are printed per PDF so a faster run cannot hide a shorter report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

BASELINE_REV = "fee3bd59c48fb67b3b012773fc40927046508203"  # main before issue #14's PDF work
ROOT = Path(__file__).resolve().parent.parent


def _legacy_tree(rev: str, into: Path) -> Path:
    """``src/mic2025`` at ``rev`` unpacked under ``into``; returns the folder for PYTHONPATH."""
    cmd = ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "src/mic2025"]
    archive = subprocess.run(cmd, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _warm(monitor: object) -> None:
    """Imports, fonts and the vl-convert engine, then a cold chart cache (not timed)."""
    from mic2025.report import build_report, charts, render_pdf

    build_report(monitor, "en", "html")
    render_pdf("<p>warm</p>")
    charts._svg_from_json.cache_clear()


def _side(side: str, db: Path, out: Path) -> dict[str, object]:
    """Run one side in this process and return its timing (called in a child process)."""
    import mic2025
    from mic2025.plan.model import LANGUAGES

    out.mkdir(parents=True, exist_ok=True)
    with mic2025.open(db) as monitor:
        _warm(monitor)
        t0 = time.perf_counter()
        if side == "baseline":
            from mic2025.report import build_report

            for lang in LANGUAGES:
                for fmt in ("html", "pdf"):
                    data = build_report(monitor, lang, fmt)
                    path = out / f"report-{lang}.{fmt}"
                    if isinstance(data, bytes):
                        path.write_bytes(data)
                    else:
                        path.write_text(data, encoding="utf-8")
        else:
            from mic2025.report.batch import write_reports

            write_reports(monitor, out)
        total = time.perf_counter() - t0
    return {"total": total, "module": mic2025.__file__}


def _run_side(side: str, db: Path, out: Path, legacy_src: Path) -> dict[str, object]:
    """One side in a fresh interpreter; the baseline finds the old package first on the path."""
    env = dict(os.environ)
    if side == "baseline":
        env["PYTHONPATH"] = os.pathsep.join([str(legacy_src), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    cmd = [sys.executable, __file__, "--side", side, "--db", str(db), "--out", str(out)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _pages(folder: Path) -> dict[str, int]:
    from pypdf import PdfReader

    return {p.stem.removeprefix("report-"): len(PdfReader(p).pages) for p in sorted(folder.glob("*.pdf"))}


def _store(path: Path) -> Path:
    import mic2025

    if not path.exists():
        mic2025.init(path).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="store (default: new, bundled data)")
    parser.add_argument("--out", type=Path, default=None, help="keep the reports in this directory")
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two sides this many times")
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="git revision of the baseline")
    parser.add_argument("--side", choices=("baseline", "now"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:  # child process: one side, result as one JSON line
        print(json.dumps(_side(args.side, args.db, args.out)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="mic2025-bench-report-"))
    db = _store(args.db or tmp / "bench.duckdb")
    out = args.out or tmp
    legacy_src = _legacy_tree(args.baseline_rev, tmp / "baseline-src")
    times: dict[str, list[float]] = {"baseline": [], "now": []}
    for _ in range(args.rounds):
        for side in ("baseline", "now"):
            result = _run_side(side, db, out / side, legacy_src)
            times[side].append(float(result["total"]))  # type: ignore[arg-type]
            print(f"{side:8} {result['total']:7.2f} s   ({result['module']})")
    base, now = statistics.median(times["baseline"]), statistics.median(times["now"])
    pages = {side: _pages(out / side) for side in times}
    print("\npages    " + " ".join(f"{lang:>8}" for lang in pages["now"]))
    for side in times:
        print(f"{side:8} " + " ".join(f"{n:8d}" for n in pages[side].values()))
    print(f"\nall ten reports: baseline {base:.2f} s, now {now:.2f} s, ratio {base / now:.2f}x faster")
    print(f"(baseline = {args.baseline_rev[:10]}, {os.cpu_count()} CPUs; reports in {out})")


if __name__ == "__main__":
    main()
