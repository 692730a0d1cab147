"""Where the store lives and how it is opened: a DuckDB file (default) or a PostgreSQL URL.

All reads are Ibis expressions, so the same code runs on both engines.  Writes need a
transaction around several statements; Ibis has no portable transaction API, so the one
thing done per engine here is BEGIN / COMMIT / ROLLBACK on the backend's connection.

Three rules keep a store from vanishing or locking people out:

* **One location rule.** ``--db`` / the ``location`` argument, else ``$MIC2025_DB``, else
  ``mic2025.duckdb`` in the per-user data directory (``~/.local/share/mic2025`` on
  Linux).  It never depends on the current directory.
* **Only ``init`` creates.** Opening a store that does not exist is an error naming the
  place and the command that makes one; no empty file or directory is left behind by a
  typo.
* **Short, shared access to a DuckDB file.** DuckDB lets one process write or many read
  a file at a time.  Readers open it read-only; a writer that finds the file held by
  another process (``mic2025 serve`` between requests, another command) waits its turn,
  says so once, and gives up with a clear message after ``wait`` seconds.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

ENV_DB = "MIC2025_DB"
STORE_FILE = "mic2025.duckdb"
DEFAULT_WAIT_SECONDS = 30.0
"""How long a command waits for a DuckDB file another process holds."""

_LOCK_MESSAGE = re.compile(r"Could not set lock on file|Conflicting lock is held", re.IGNORECASE)
_SAME_PROCESS = re.compile(r"different configuration than existing connections", re.IGNORECASE)
_PID = re.compile(r"\(PID (\d+)\)")


class StoreNotFound(FileNotFoundError):
    """No store at the location: run ``mic2025 init`` (or point --db elsewhere)."""

    def __init__(self, location: str) -> None:
        self.location = location
        super().__init__(
            f"no store at {location}: run `mic2025 init` to create it "
            f"(or pass --db / set {ENV_DB} to the store you meant)"
        )


class StoreBusy(RuntimeError):
    """Another process holds the DuckDB file longer than this one was willing to wait."""

    def __init__(self, location: str, waited: float, holder: str | None) -> None:
        self.location = location
        who = f" (process {holder})" if holder else ""
        super().__init__(
            f"the store at {location} is in use by another process{who} and was not released "
            f"within {waited:.0f} s; try again, or write through the running server's API"
        )


def default_location() -> Path:
    """``mic2025.duckdb`` in the per-user data directory (created by ``init`` only)."""
    from platformdirs import user_data_path

    return user_data_path("mic2025", appauthor=False) / STORE_FILE


def resolve_location(location: str | os.PathLike[str] | None) -> str:
    """Where the store lives: the argument, else $MIC2025_DB, else the per-user default."""
    if location is None or str(location) == "":
        location = os.environ.get(ENV_DB) or default_location()
    return str(location)


def is_postgres(location: str) -> bool:
    return location.startswith(("postgres://", "postgresql://"))


def exists(location: str) -> bool:
    """Whether a store is at ``location`` (a PostgreSQL URL is checked when opened)."""
    return is_postgres(location) or location == ":memory:" or Path(location).is_file()


def connect(
    location: str,
    *,
    read_only: bool = False,
    create: bool = False,
    wait: float = DEFAULT_WAIT_SECONDS,
    on_wait: Callable[[str], None] | None = None,
) -> BaseBackend:
    """An Ibis backend for the store at ``location``, schema brought up to date.

    Parameters
    ----------
    location
        A DuckDB file path, ``:memory:``, or a ``postgresql://`` URL.
    read_only
        Open a DuckDB file for reading only, so that any number of readers (and the
        server between requests) can share it.
    create
        Make the store when it does not exist (``mic2025 init``); otherwise a missing
        store raises :class:`StoreNotFound`.
    wait
        Seconds to wait for a DuckDB file held by another process before raising
        :class:`StoreBusy`.
    on_wait
        Called once with a message when waiting begins (the CLI prints it).
    """
    from mic2025.store.schema import ensure_schema

    if not create and not exists(location):
        raise StoreNotFound(location)
    if is_postgres(location):
        import ibis

        con = ibis.connect(location)
    else:
        con = _open_duckdb(location, read_only=read_only, create=create, wait=wait, on_wait=on_wait)
    ensure_schema(con, location, writable=not read_only, create=create)
    return con


def _open_duckdb(
    location: str, *, read_only: bool, create: bool, wait: float, on_wait: Callable[[str], None] | None
) -> BaseBackend:
    import ibis

    if create and location != ":memory:":
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    delay, told = 0.05, False
    read_only = read_only and location != ":memory:"
    while True:
        try:
            con = ibis.duckdb.connect(location, read_only=read_only)
            break
        except Exception as exc:  # duckdb.IOException, wrapped differently across versions
            if read_only and _SAME_PROCESS.search(str(exc)):
                # this process already has the file open for writing: share that
                read_only = False
                continue
            if not _LOCK_MESSAGE.search(str(exc)):
                raise
            if time.monotonic() >= deadline:
                holder = _PID.search(str(exc))
                raise StoreBusy(location, wait, holder.group(1) if holder else None) from exc
            if not told and on_wait is not None:
                on_wait(
                    f"the store at {location} is in use by another process (mic2025 serve or "
                    f"another command); waiting up to {wait:.0f} s for it"
                )
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
    con.raw_sql("SET enable_progress_bar = false")  # our own progress display speaks
    return con


@contextmanager
def transaction(con: BaseBackend) -> Iterator[None]:
    """All statements inside commit together or not at all (also on kill -9).

    DuckDB keeps a write-ahead log and PostgreSQL its own: an uncommitted transaction
    is simply absent after a crash, which is what makes a batch all-or-nothing.
    """
    con.raw_sql("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.raw_sql("ROLLBACK")
        raise
    con.raw_sql("COMMIT")


def state_fingerprint(location: str) -> tuple[int, ...] | None:
    """A cheap token that changes whenever a DuckDB store is written, without opening it.

    Every commit appends to the write-ahead log or rewrites the file, so the size and
    modification time of the pair change; caches keyed on it never serve stale results.
    None for PostgreSQL (ask the database instead).
    """
    if is_postgres(location) or location == ":memory:":
        return None
    parts: list[int] = []
    for path in (Path(location), Path(location + ".wal")):
        try:
            st = path.stat()
        except FileNotFoundError:
            parts += [0, 0]
            continue
        parts += [st.st_mtime_ns, st.st_size]
    return tuple(parts)
