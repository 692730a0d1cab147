"""Start-up time of the command line: ``mic2025 --help`` and ``mic2025 plan show``.

Each command runs in a fresh process ``--repeat`` times; the median wall time is
compared with a baseline measured in the same run: a bare Python process that imports
Typer (the least any Typer command line pays).  Aim: each command under 0.5 s.  Run:

    python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("mic2025")
COMMANDS = {
    "baseline: python -c 'import typer'": [sys.executable, "-c", "import typer"],
    "mic2025 --help": [str(EXE), "--help"],
    "mic2025 plan show": [str(EXE), "plan", "show"],
    "mic2025 plan show --lang ja": [str(EXE), "plan", "show", "--lang", "ja"],
}
AIM_SECONDS = 0.5


def timed(cmd: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    times = {label: timed(cmd, args.repeat) for label, cmd in COMMANDS.items()}
    base = times.pop(next(iter(COMMANDS)))
    print(f"baseline (python + typer import): {base:.3f} s (median of {args.repeat})")
    for label, seconds in times.items():
        verdict = "within" if seconds < AIM_SECONDS else "OVER"
        ratio = seconds / base
        print(f"{label}: {seconds:.3f} s = {ratio:.1f}x the baseline ({verdict} the {AIM_SECONDS} s aim)")


if __name__ == "__main__":
    main()
