"""Real servers on loopback for the reliability suite: ``mic2025 serve`` in a child
process (DuckDB file or PostgreSQL database of its own), helpers to find and kill its
workers, and a throw-away PostgreSQL server that a test may restart.

Everything listens on 127.0.0.1 only and every test is bounded in time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("MIC2025_PG_URL")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def mic2025(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the CLI in a child process (as an operator would, beside a running server)."""
    return subprocess.run(
        [sys.executable, "-c", "from mic2025.cli.main import main; main()", *args],
        env=env or child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Server:
    """``mic2025 serve`` in a child process; ``url`` once it answers."""

    def __init__(self, db: str, *, workers: int = 1, env: dict[str, str] | None = None, log: Path) -> None:
        self.db, self.workers, self.log = db, workers, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = child_env(**(env or {}))
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Server:
        args = ["serve", "--db", self.db, "--port", str(self.port), "--workers", str(self.workers)]
        self._out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from mic2025.cli.main import main; main()", *args],
            env=self.env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends the workers too
        )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}"
                )
            with contextlib.suppress(httpx.HTTPError):
                up = httpx.get(self.url + "/api/health", timeout=2).status_code == 200
                if up and (self.workers <= 1 or len(self.worker_pids()) >= self.workers):
                    return
            time.sleep(0.2)
        raise RuntimeError(f"server not ready in {timeout} s:\n{self.log.read_text()[-3000:]}")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: the workers, or the server itself."""
        if self.workers <= 1:
            return [self.pid]
        return [p for p in _children(self.pid) if _is_worker(p)]

    def pid_serving(self, client_port: int) -> int | None:
        """The process holding the server side of the connection from ``client_port``."""
        inode = _socket_inode(self.port, client_port)
        if inode is None:
            return None
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for fd in os.listdir(f"/proc/{pid}/fd"):
                    with contextlib.suppress(OSError):
                        if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                            return pid
        return None

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        # workers of a killed supervisor may outlive it: end the whole group
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._out.close()
        self.proc = None


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                if ppid == pid:
                    out.append(int(entry))
    return out


def _is_worker(pid: int) -> bool:
    """uvicorn's workers are spawned interpreters; its resource tracker is not one."""
    with contextlib.suppress(OSError):
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        return b"multiprocessing.spawn" in cmd or b"spawn_main" in cmd
    return False


def _socket_inode(server_port: int, client_port: int) -> int | None:
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as handle:
            next(handle)
            for line in handle:
                fields = line.split()
                local, remote, inode = fields[1], fields[2], int(fields[9])
                if (
                    int(local.rsplit(":", 1)[1], 16) == server_port
                    and int(remote.rsplit(":", 1)[1], 16) == client_port
                ):
                    return inode
    return None


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.fixture(scope="session")
def bundled_copy(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """``copy()`` -> a fresh DuckDB copy of the bundled store."""

    def copy() -> Path:
        target = tmp_path_factory.mktemp("rel") / "store.duckdb"
        shutil.copy(bundled_db, target)
        return target

    return copy


def _admin_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


@pytest.fixture()
def pg_store() -> Iterator[str]:
    """A PostgreSQL database of this test's own, initialised with the bundled data."""
    if not PG_URL:
        pytest.skip("MIC2025_PG_URL is not set (scripts/test.sh starts a server)")
    yield from _fresh_database(PG_URL)


def _fresh_database(base_url: str) -> Iterator[str]:
    import psycopg

    import mic2025

    name = f"rel_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_admin_url(base_url), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = base_url.rsplit("/", 1)[0] + "/" + name
    mic2025.init(url).close()
    try:
        yield url
    finally:
        with contextlib.suppress(Exception), psycopg.connect(_admin_url(base_url), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


class OwnPostgres:
    """A throw-away PostgreSQL server on its own port and data folder, safe to restart."""

    def __init__(self, root: Path) -> None:
        self.bindir = _pg_bindir()
        self.data = root / "pgdata"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, command: str) -> None:
        if os.getuid() == 0:
            subprocess.run(
                ["su", "postgres", "-s", "/bin/bash", "-c", command], check=True, capture_output=True
            )
        else:
            subprocess.run(["bash", "-c", command], check=True, capture_output=True)

    def start(self) -> OwnPostgres:
        self.data.mkdir(parents=True)
        if os.getuid() == 0:
            shutil.chown(self.data, "postgres")
            shutil.chown(self.data.parent, "postgres")
        self._run(f"{self.bindir}/initdb -D {self.data} -U postgres --auth=trust -E UTF8")
        self._pg_ctl("start")
        return self

    def _pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
        log = f"{self.data}/server.log"
        self._run(f"{self.bindir}/pg_ctl -D {self.data} -o '{options}' -l {log} -m fast -w {action}")

    def restart(self) -> None:
        self._pg_ctl("restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("stop")


def _pg_bindir() -> str:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        pytest.skip("PostgreSQL server binaries are not installed (scripts/test.sh installs them)")
    return str(found[-1])


@pytest.fixture()
def own_postgres(tmp_path: Path) -> Iterator[OwnPostgres]:
    if not PG_URL:
        pytest.skip("MIC2025_PG_URL is not set (scripts/test.sh starts a server)")
    root = Path(f"/tmp/mic2025-ownpg-{uuid.uuid4().hex[:8]}")
    server = OwnPostgres(root).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def issue(db: str, name: str, *scopes: str) -> dict[str, str]:
    """An Authorization header for a new token in the store at ``db``."""
    import mic2025
    from mic2025.store.tokens import issue_token

    with mic2025.open(db) as m:
        secret = issue_token(m.store.con, name, list(scopes))
    return {"Authorization": f"Bearer {secret}"}
