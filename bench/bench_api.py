"""Benchmark: the evaluation endpoint's throughput against a trivial endpoint of the same
server (``/api/health``), with p50 and p99 latency.

Run: ``python bench/bench_api.py [--seconds 10] [--clients 8] [--db PATH|URL] [--workers 1]``.

Loopback only, bounded in time and in requests.  The server is ``mic2025 serve`` in a
child process on a copy of a store with the bundled data (made here when ``--db`` is
not given).  Each client is a thread with one keep-alive connection that sends the
same request again and again (closed loop).  The evaluation is computed on the
first request and served from the cache afterwards; the ratio says how close a
cached evaluation comes to the cost of an endpoint that does nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MAX_REQUESTS = 200_000
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: str, port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [
            *(sys.executable, "-c", "from mic2025.cli.main import main; main()", "serve", "--db", db),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def run(
    port: int, path: str, seconds: float, clients: int, headers: dict[str, str]
) -> tuple[float, list[float]]:
    """Requests per second and every latency (s), ``clients`` threads for ``seconds``."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    count = [0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            with lock:
                if count[0] >= MAX_REQUESTS:
                    break
                count[0] += 1
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return len(latencies) / elapsed, sorted(latencies)


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] * 1000 if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint (at most 120)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--db", help="store to serve (copied when a DuckDB file); default: bundled data")
    parser.add_argument("--gzip", action="store_true", help="ask for gzip, as browsers do")
    args = parser.parse_args()
    seconds = min(args.seconds, 120.0)
    work = Path(tempfile.mkdtemp(prefix="mic2025-bench-api-"))
    try:
        if args.db and args.db.startswith(("postgres://", "postgresql://")):
            db = args.db
        else:
            db = str(work / "bench.duckdb")
            if args.db:
                shutil.copy(args.db, db)
            else:
                sys.path.insert(0, str(ROOT / "src"))
                import mic2025

                mic2025.init(db).close()
        port = free_port()
        proc = start(db, port, args.workers)
        headers = {"Accept-Encoding": "gzip"} if args.gzip else {}
        try:
            run(port, "/api/evaluation", 1.0, 1, headers)  # compute once, warm the cache
            trivial_rps, trivial = run(port, "/api/health", seconds, args.clients, headers)
            eval_rps, evaluation = run(port, "/api/evaluation", seconds, args.clients, headers)
        finally:
            proc.terminate()
            proc.wait(20)
        print(f"clients {args.clients}, workers {args.workers}, {seconds:g} s per endpoint, store {db}")
        print(
            f"/api/health      {trivial_rps:8.0f} req/s  p50 {pct(trivial, 0.5):6.1f} ms  "
            f"p99 {pct(trivial, 0.99):6.1f} ms"
        )
        print(
            f"/api/evaluation  {eval_rps:8.0f} req/s  p50 {pct(evaluation, 0.5):6.1f} ms  "
            f"p99 {pct(evaluation, 0.99):6.1f} ms"
        )
        print(f"ratio evaluation / trivial: {eval_rps / trivial_rps:.2f}x (aim: at least 0.5x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
