"""Benchmark: write all ten reports (5 languages x HTML and PDF) from the bundled data.

Run: ``python bench/bench_report.py [--db PATH] [--out DIR]``.

Each report is built as ``mic2025 report`` builds it (``build_report``: gather ->
HTML -> PDF), in one process, languages in order, HTML before PDF; so the PDF of a
language reuses the chart SVGs its HTML rendered (the ``render_svg`` cache), as a
second command in the same process would not.  Alongside the per-report wall time the
run prints, per language, the share of each stage measured separately on a cold chart
cache: gathering (store read + evaluation + selecting/formatting), chart rendering
(vl-convert), HTML templating and the WeasyPrint conversion, so the PDF conversion's
share of the total is visible.  The data are the bundled real national figures.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import mic2025
from mic2025.plan.model import LANGUAGES
from mic2025.report import build_report, charts, gather, render_html, render_pdf


def _store(path: Path) -> Path:
    if not path.exists():
        mic2025.init(path).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="store (default: new, bundled data)")
    parser.add_argument("--out", type=Path, default=None, help="keep the reports in this directory")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mic2025-bench-report-"))
    db = _store(args.db or tmp / "bench.duckdb")
    out = args.out or tmp
    out.mkdir(parents=True, exist_ok=True)

    with mic2025.open(db) as monitor:
        build_report(monitor, "en", "html")  # warm imports, fonts and the vl-convert engine
        charts._svg_from_json.cache_clear()

        print("== all ten reports, as the CLI builds them")
        total = 0.0
        for lang in LANGUAGES:
            for fmt in ("html", "pdf"):
                t0 = time.perf_counter()
                data = build_report(monitor, lang, fmt)
                dt = time.perf_counter() - t0
                total += dt
                path = out / f"report-{lang}.{fmt}"
                if isinstance(data, bytes):
                    path.write_bytes(data)
                else:
                    path.write_text(data, encoding="utf-8")
                print(f"{lang:8} {fmt:4} {dt:6.2f} s  {path.stat().st_size / 1e3:8.0f} kB")
        print(f"total    ten  {total:6.2f} s")

        print("\n== stages per language (cold chart cache)")
        print(f"{'lang':8} {'gather':>7} {'charts':>7} {'html':>6} {'pdf':>6}  pdf share")
        sums = [0.0, 0.0, 0.0, 0.0]
        for lang in LANGUAGES:
            charts._svg_from_json.cache_clear()
            t0 = time.perf_counter()
            model = gather(monitor, lang)
            t1 = time.perf_counter()
            charts._svg_from_json.cache_clear()
            t_charts0 = time.perf_counter()
            for section in model.indicators:  # the chart part of gather, on its own
                charts.render_svg(section.chart_spec)
            t_charts = time.perf_counter() - t_charts0
            t2 = time.perf_counter()
            html = render_html(model)
            t3 = time.perf_counter()
            render_pdf(html)
            t4 = time.perf_counter()
            parts = [t1 - t0 - t_charts, t_charts, t3 - t2, t4 - t3]
            sums = [a + b for a, b in zip(sums, parts, strict=True)]
            print(
                f"{lang:8} {parts[0]:7.2f} {parts[1]:7.2f} {parts[2]:6.2f} {parts[3]:6.2f}  "
                f"{parts[3] / sum(parts):6.0%}"
            )
        share = sums[3] / sum(sums)
        print(f"{'sum':8} {sums[0]:7.2f} {sums[1]:7.2f} {sums[2]:6.2f} {sums[3]:6.2f}  {share:6.0%}")
    print(f"\nreports in {out}")


if __name__ == "__main__":
    main()
