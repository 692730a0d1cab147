"""Replay the hand-made mutants of issue #10: each must make a named test fail.

Why: issue #10 ("tests that fail when the product breaks") listed one-line changes to
the product that left every test green at the time.  Tests were added since; this
script proves, reproducibly, that each of those changes is now caught.  mutmut
(``scripts/mutation.sh``) makes its own mutants and never touches module-level
constants; these are the particular breakages the issue named, kept as a table so that
a refactoring which moves a construct shows up as "construct moved" instead of a
silent pass.

Each mutant replaces one exact piece of text, which must occur exactly once in its
file.  It is applied to a fresh copy of ``src/`` in a temporary folder (the working
tree is never modified), and the mutant's tests run from the repository with that copy
first on ``PYTHONPATH`` and no bytecode written.  Each test selection is first run once
on the unchanged copy: a test that already fails proves nothing.

    .venv/bin/python scripts/replay_mutants.py              # every mutant
    .venv/bin/python scripts/replay_mutants.py NAME ...     # only these
    .venv/bin/python scripts/replay_mutants.py --list       # names, files and tests

Set ``MIC2025_PG_URL`` to let the PostgreSQL tests take part.  Exit status: 0 when every
mutant is killed, 1 when one survived, its construct moved or its run broke, 2 when a
test selection fails on the unchanged product.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "src/mic2025"
TIMEOUT = 900  # seconds per pytest run; a mutant that hangs this long is counted as caught


@dataclass(frozen=True)
class Mutant:
    """One change the issue named: ``old`` replaced by ``new`` in ``file``."""

    name: str
    file: str  # relative to src/mic2025
    old: str
    new: str
    tests: tuple[str, ...]  # pytest node ids or paths, relative to the repository


BOUNDARIES = "tests/evaluate/test_boundaries.py"
VALIDATION = "tests/ingest/test_validation.py"
VINTAGES = "tests/store/test_vintages.py"
ORACLES = "tests/index/test_oracles.py"
TREND_CLIP = "centre, np.where(bounded, x.low, -np.inf), np.where(bounded, x.high, np.inf)\n        )"
SI_COLUMNS = '"S1": si["S1"],\n            "S1_conf": si["S1_conf"],\n            "ST": si["ST"],'
SI_SWAPPED = '"S1": si["ST"],\n            "S1_conf": si["S1_conf"],\n            "ST": si["S1"],'

MUTANTS: tuple[Mutant, ...] = (
    # the projection is no longer kept inside the natural range; its note stays, so only a
    # test of the projected value itself can see it
    Mutant(
        "unsd-uncapped",
        "evaluate/methods/unsd_gap.py",
        "projected, clipped = clip_to_range(raw, x.low, x.high)",
        "projected, clipped = raw, clip_to_range(raw, x.low, x.high)[1]",
        (
            f"{BOUNDARIES}::test_unsd_projection_is_capped_at_the_natural_limit",
            f"{BOUNDARIES}::test_unsd_cagr_projection_is_capped_too",
        ),
    ),
    Mutant(
        "trend-uncapped",
        "evaluate/methods/trend.py",
        f"centre_c, moved = clip_to_range(\n            {TREND_CLIP}",
        f"centre_c, moved = centre, clip_to_range(\n            {TREND_CLIP}[1]",
        (f"{BOUNDARIES}::test_trend_share_is_measured_on_the_capped_projection",),
    ),
    Mutant(
        "unsd-threshold-0.05",
        "evaluate/methods/unsd_gap.py",
        '"needs_acceleration": 0.10,',
        '"needs_acceleration": 0.05,',
        (
            f"{BOUNDARIES}::test_the_published_thresholds",
            f"{BOUNDARIES}::test_ratio_methods_at_their_thresholds",
        ),
    ),
    Mutant(
        "aag-complete-a-year-early",
        "evaluate/methods/_common.py",
        "complete = x.t >= x.T",
        "complete = x.t >= x.T - 1",
        (f"{BOUNDARIES}::test_average_growth_met_a_year_before_the_end_is_not_yet_achieved",),
    ),
    # meets() compares with a tolerance (>= -tol); the ">= for >" is kept both
    # literally and as "exactly on target is a miss" (> 0)
    Mutant(
        "on-target-not-achieved",
        "evaluate/methods/_common.py",
        "nan=-np.inf) >= -tol",
        "nan=-np.inf) > 0",
        (
            f"{BOUNDARIES}::test_value_exactly_on_a_level_target_is_achieved",
            f"{BOUNDARIES}::test_lower_is_better_target_exactly_met",
        ),
    ),
    Mutant(
        "tolerance-edge-excluded",
        "evaluate/methods/_common.py",
        "nan=-np.inf) >= -tol",
        "nan=-np.inf) > -tol",
        (f"{BOUNDARIES}::test_the_tolerance_of_achieved_includes_its_edge",),
    ),
    # repeats were de-duplicated in validate.py; they now are in staging.py
    Mutant(
        "repeats-not-deduplicated",
        "ingest/staging.py",
        "filter(lambda r: r._k == 0)",
        "filter(lambda r: r._k >= 0)",
        (
            f"{VALIDATION}::test_identical_repeated_rows_are_stored_once",
            f"{VALIDATION}::test_repeats_keep_the_first_occurrence_and_input_order",
        ),
    ),
    Mutant(
        "sampling-not-numeric-unreported",
        "ingest/validate.py",
        "    for name in SAMPLING:\n        if name in raw_columns:",
        "    for name in ():\n        if name in raw_columns:",
        (f"{VALIDATION}::test_non_numeric_sampling_column_is_reported",),
    ),
    Mutant(
        "tie-earlier-batch-wins",
        "store/vintages.py",
        "ibis.desc(rows._loaded_at),",
        "rows._loaded_at,",
        (
            f"{VINTAGES}::test_same_day_tie_goes_to_the_later_batch",
            f"{VINTAGES}::test_in_force_breaks_ties_by_load_time_then_source",
        ),
    ),
    Mutant(
        "all-vintages-ignores-as-of",
        "store/store.py",
        "        if all_vintages:\n            if as_of is not None:",
        "        if all_vintages:\n            if False:",
        (f"{VINTAGES}::test_all_vintages_respects_as_of",),
    ),
    Mutant(
        "sobol-s1-st-swapped",
        "index/sensitivity.py",
        SI_COLUMNS,
        SI_SWAPPED,
        (f"{ORACLES}::test_sobol_indices_of_the_ishigami_function",),
    ),
    Mutant(
        "quantile-off-by-three",
        "index/uncertainty.py",
        "np.ceil(q * n).astype(int) - 1",
        "np.ceil(q * n).astype(int) - 4",
        (
            f"{ORACLES}::test_quantiles_equal_numpy_inverted_cdf",
            f"{ORACLES}::test_quantiles_of_one_to_twenty",
        ),
    ),
    Mutant(
        "step-boundary-strict",
        "index/uncertainty.py",
        "(gr[ok, t] <= m.max_rank_in_group)",
        "(gr[ok, t] < m.max_rank_in_group)",
        (f"{ORACLES}::test_step_probability_counts_a_rank_exactly_at_the_limit",),
    ),
    Mutant(
        "rank-shift-against-zero",
        "index/uncertainty.py",
        "np.abs(ranks - nominal_ranks[None].astype(np.float32))",
        "np.abs(ranks - 0 * nominal_ranks[None].astype(np.float32))",
        (f"{ORACLES}::test_run_uncertainty_against_a_recomputation",),
    ),
    Mutant(
        "unscoped-token-writes-anything",
        "web/auth.py",
        "    return bool(units)",
        "    return True",
        (
            "tests/web/test_auth.py::test_may_write",
            "tests/web/test_auth.py::test_token_without_write_scope_is_403_and_writes_nothing",
        ),
    ),
)


@dataclass(frozen=True)
class Outcome:
    result: str  # killed, survived, construct moved, error
    detail: str  # the tests that failed, or why
    failed: list[str]  # their node ids


def copy_tree(dest: Path) -> Path:
    """A copy of ``src/`` (and a link to ``data/``, which the package finds beside it)."""
    shutil.copytree(ROOT / "src", dest / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (dest / "data").symlink_to(ROOT / "data", target_is_directory=True)
    return dest / "src"


def environment(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no stale bytecode of a mutant can be reused
    return env


def pytest(tests: Iterable[str], env: dict[str, str]) -> tuple[int, list[str], str]:
    """pytest's exit code, the tests that failed, and its last line (or ``timeout``)."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", *tests]
    try:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return 1, [], "timeout"
    failed = [line.split()[1] for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    last = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""])[-1]
    return done.returncode, failed, last


def functions(node_ids: list[str]) -> str:
    """``a.py::test_x[1]``, ``a.py::test_x[2]`` -> ``test_x (2 cases)``."""
    names = [n.split("::")[-1].split("[")[0] for n in node_ids]
    counts = {n: names.count(n) for n in names}
    return ", ".join(f"`{n}`" + (f" ({k} cases)" if k > 1 else "") for n, k in counts.items())


def check_import(src: Path, env: dict[str, str]) -> None:
    """Refuse to go on unless the tests would import the copy rather than the working tree."""
    where = subprocess.run(
        [sys.executable, "-c", "import mic2025; print(mic2025.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(src.resolve()):
        sys.exit(f"mic2025 is imported from {where}, not from the copy {src}")


def replay(mutant: Mutant, tmp: Path) -> Outcome:
    text = (ROOT / PACKAGE / mutant.file).read_text(encoding="utf-8")
    count = text.count(mutant.old)
    if count != 1:
        return Outcome("construct moved", f"old text found {count} times: update the table", [])
    src = copy_tree(tmp)
    (src / "mic2025" / mutant.file).write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
    code, failed, last = pytest(mutant.tests, environment(src))
    if code == 1:
        return Outcome("killed", functions(failed) if failed else last, failed)
    if code == 0:
        return Outcome("survived", "every test passed", [])
    return Outcome("error", f"pytest exit code {code}: {last}", failed)


def control(selections: Iterable[tuple[str, ...]], tmp: Path) -> list[str]:
    """The selections that fail without any mutant (each should pass)."""
    src = copy_tree(tmp)
    env = environment(src)
    check_import(src, env)
    broken = []
    for tests in dict.fromkeys(selections):
        code, failed, last = pytest(tests, env)
        print(f"control  {' '.join(tests)}: {last}", flush=True)
        if code != 0:
            broken.append(f"{' '.join(tests)}: {' '.join(failed) or last}")
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutants to replay (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)
    known = {m.name: m for m in MUTANTS}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"unknown mutants {unknown}; choose from {', '.join(known)}")
    chosen = [known[n] for n in args.names] if args.names else list(MUTANTS)
    if args.list:
        for m in chosen:
            print(f"{m.name}\t{m.file}\t{' '.join(m.tests)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="mic2025-mutants-") as tmp:
        broken = control([m.tests for m in chosen], Path(tmp) / "control")
        if broken:
            print("tests fail without any mutant:\n  " + "\n  ".join(broken), file=sys.stderr)
            return 2
        outcomes = []
        for i, m in enumerate(chosen):
            start = time.monotonic()
            outcome = replay(m, Path(tmp) / f"m{i}")
            outcomes.append((m, outcome))
            took = time.monotonic() - start
            print(f"{m.name}: {outcome.result} in {took:.0f} s", *outcome.failed, sep="\n  ", flush=True)
    print("\n| mutant | file | result | failing tests |\n|---|---|---|---|")
    for m, o in outcomes:
        print(f"| `{m.name}` | `{m.file}` | {o.result} | {o.detail} |")
    return 0 if all(o.result == "killed" for _, o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
