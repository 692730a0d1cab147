"""Bad input in bounded memory: a large file of garbage rows is rejected without holding it.

Generates (seeded, labelled synthetic) a CSV of about ``--mb`` megabytes whose every row
breaks several rules, and a small .xlsx that expands to a huge sheet; each is ingested
in a fresh child process (so peak memory is the process's own) and the peak resident
set size is read from the kernel.  Baseline in the same run: the same child importing
mic2025 and opening the store, without ingesting, so the ratio says what ingesting the
bad file adds.  Run:

    python bench/bench_bad_input.py [--mb 1024] [--max-problems 1000]

The bound: reading stops after ``--max-problems`` problems; memory is then about one
chunk of text (``CHUNK_ROWS`` rows) plus the problems, whatever the file's size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

CHILD = r"""
import resource, sys, time
import mic2025
from mic2025.ingest import IngestError
m = mic2025.open(sys.argv[1])
started = time.perf_counter()
outcome = "not ingested (baseline)"
if sys.argv[2] != "-":
    try:
        m.ingest(sys.argv[2], source="bench_synthetic", vintage="2024-06-30", max_problems=int(sys.argv[3]))
        outcome = "ACCEPTED (unexpected)"
    except IngestError as exc:
        outcome = f"rejected: {len(exc.problems)} problems, stopped at row {exc.stopped_at}"
elapsed = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{peak_mb:.0f}\t{elapsed:.2f}\t{outcome}")
"""


def garbage_csv(path: Path, megabytes: int) -> None:
    """Rows with an unknown indicator, an unknown area and a non-numeric value."""
    row = "no_such_indicator,XX-YY,_T,not-a-period,not-a-number\n"
    block = row * 20_000
    with path.open("w", encoding="utf-8") as out:
        out.write("indicator,area,sector,period,value\n")
        written = 0
        while written < megabytes * 2**20:
            out.write(block)
            written += len(block)


def zip_bomb_xlsx(path: Path, megabytes: int) -> None:
    """A workbook whose sheet XML is ``megabytes`` MB of empty rows (a few MB zipped)."""
    block = ("<row/>" * 100_000).encode()  # written in blocks: this process must stay small
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _ in range(megabytes * 2**20 // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def run(db: Path, file: Path | None, max_problems: int) -> tuple[float, float, str]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(file) if file else "-", str(max_problems)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    peak, seconds, outcome = out.stdout.strip().split("\t")
    return float(peak), float(seconds), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024, help="size of the garbage CSV")
    parser.add_argument("--max-problems", type=int, default=1000)
    args = parser.parse_args()
    import mic2025

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "store.duckdb"
        with mic2025.open(db, create=True) as m:
            m.add_sources(
                [{"id": "bench_synthetic", "title": "Synthetic (not real data)", "synthetic": True}]
            )
        csv, xlsx = tmpdir / "garbage.csv", tmpdir / "bomb.xlsx"
        started = time.perf_counter()
        garbage_csv(csv, args.mb)
        zip_bomb_xlsx(xlsx, 2048)
        made = time.perf_counter() - started
        print(f"made {csv.stat().st_size / 2**20:,.0f} MiB CSV and a {xlsx.stat().st_size / 2**20:,.1f} MiB")
        print(f"  .xlsx expanding to 2,048 MiB in {made:.1f} s (synthetic)")
        base, _, _ = run(db, None, args.max_problems)
        print(f"baseline (import, open store, nothing ingested): peak {base:,.0f} MiB")
        for label, file in (("garbage CSV", csv), ("zip-bomb .xlsx", xlsx)):
            peak, seconds, outcome = run(db, file, args.max_problems)
            extra = peak - base
            print(f"{label}: {outcome}; {seconds:.2f} s; peak {peak:,.0f} MiB")
            print(f"  = baseline + {extra:,.0f} MiB ({peak / base:.2f}x the baseline)")


if __name__ == "__main__":
    main()
