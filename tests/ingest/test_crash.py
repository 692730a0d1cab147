"""kill -9 during a write leaves the store exactly as it was (a real subprocess)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import duckdb

from mic2025.store import CHINA_AREAS

SCRIPT = r"""
import pathlib
import warnings
# stands for any warning a library prints: the test must not depend on there being none
warnings.warn("stderr noise before the pause", UserWarning)
import mic2025
from mic2025.plan import Plan
plan = Plan.model_validate_json(pathlib.Path({plan!r}).read_text())
m = mic2025.open({db!r}, plan=plan, create=True)
print("ready", flush=True)
m.ingest({csv!r})
print("committed", flush=True)
"""


def _read_until(stream: IO[str], marker: str) -> list[str]:
    """Lines of ``stream`` up to and including the first that holds ``marker`` (all of
    them, without it, if the stream ends first)."""
    seen = []
    for line in stream:
        seen.append(line)
        if marker in line:
            break
    return seen


def _count(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        obs = con.execute("select count(*) from observations").fetchone()[0]
        batches = con.execute("select count(*) from batches").fetchone()[0]
        return obs, batches
    finally:
        con.close()


def test_kill_9_mid_write_leaves_store_unchanged(monitor, tiny_plan, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(
        "indicator,area,period,value,source,vintage\nbroadband_penetration,CN,2015,50,src_a,2016-05-08\n",
        encoding="utf-8",
    )
    monitor.ingest(first)
    db = Path(monitor.location)
    monitor.close()

    big = tmp_path / "big.csv"
    lines = ["indicator,area,period,value,source,vintage"]
    for i in range(20_000):  # distinct area × month cells, 1950-01 onwards
        area, month = CHINA_AREAS[i % 32], i // 32
        lines.append(
            f"innovation_centres,{area},{1950 + month // 12}-{1 + month % 12:02d},{i},src_b,2020-01-01"
        )
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _count(db)

    env = {**os.environ, "MIC2025_FAULT_PAUSE_SECONDS": "30"}
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(tiny_plan.model_dump_json(by_alias=True), encoding="utf-8")
    code = SCRIPT.format(plan=str(plan_file), db=str(db), csv=str(big))
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        # the store announces the pause after inserting every row, before COMMIT; other
        # lines (a library's warning) may come first, so read up to the announcement
        seen = _read_until(proc.stderr, "fault-pause: inside write transaction")
        assert seen[-1:] and "fault-pause" in seen[-1], "".join(seen)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _count(db) == before

    # the store still works: the same file loads cleanly afterwards
    import mic2025

    with mic2025.open(db, plan=tiny_plan) as again:
        result = again.ingest(big)
        assert result.rows_added == 20_000
        assert len(again.observations(all_vintages=True)) == before[0] + 20_000
