"""A 1 GB request against a real server, with and without a token: the server's
memory grows by less than 50 MB and no temporary file grows beyond the cap.

The body is sent over a raw socket, a MiB at a time, until the server answers or
closes; meanwhile a sampler reads the server's resident memory and the size of every
regular file it holds open (uploads are spooled to anonymous temporary files, which
only /proc/PID/fd shows).
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import Server, issue, rss_kib

GIB = 1 << 30
MIB = 1 << 20
LIMIT_MB = 50


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop_flag = pid, False
        self.base = rss_kib(pid)
        self.peak_rss = self.base
        self.peak_file = 0

    def run(self) -> None:
        while not self.stop_flag:
            with contextlib.suppress(OSError):
                self.peak_rss = max(self.peak_rss, rss_kib(self.pid))
                for fd in os.listdir(f"/proc/{self.pid}/fd"):
                    with contextlib.suppress(OSError):
                        target = os.readlink(f"/proc/{self.pid}/fd/{fd}")
                        if "(deleted)" not in target and "mic2025-upload-" not in target:
                            continue  # only temporary files: not the server's log or store
                        st = os.stat(f"/proc/{self.pid}/fd/{fd}")
                        if (st.st_mode & 0o170000) == 0o100000:  # a regular file
                            self.peak_file = max(self.peak_file, st.st_size)
            time.sleep(0.005)

    @property
    def grew_mb(self) -> float:
        return (self.peak_rss - self.base) / 1024


def send_huge(
    url: str, path: str, headers: dict[str, str], *, total: int, chunked: bool, multipart: bool
) -> tuple[int, int]:
    """Send ``total`` bytes of body; returns (status, bytes the server took before answering)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    boundary = "mic2025boundary"
    head = [f"POST {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    if multipart:
        head.append(f"Content-Type: multipart/form-data; boundary={boundary}")
        prefix = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\n'
            "Content-Type: text/csv\r\n\r\nindicator,area,period,value\r\n"
        ).encode()
    else:
        head.append("Content-Type: application/json")
        prefix = b'{"rows": ['
    head += [f"{k}: {v}" for k, v in headers.items()]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    filler = (
        b"broadband_penetration,CN,2020,50\r\n"
        if multipart
        else b'{"indicator":"x","area":"CN","period":"2020","value":1},'
    ) * (MIB // 60)
    sent, answered = 0, False
    pieces = [prefix]
    try:
        while sent < total:
            piece = pieces.pop() if pieces else filler[: min(len(filler), total - sent)]
            data = (f"{len(piece):x}\r\n".encode() + piece + b"\r\n") if chunked else piece
            sock.sendall(data)
            sent += len(piece)
            if select.select([sock], [], [], 0)[0]:
                answered = True
                break
    except (BrokenPipeError, ConnectionResetError):
        answered = True
    if not answered and chunked:
        with contextlib.suppress(OSError):
            sock.sendall(b"0\r\n\r\n")
    sock.settimeout(30)
    reply = b""
    with contextlib.suppress(OSError):
        while b"\r\n" not in reply:
            part = sock.recv(65536)
            if not part:
                break
            reply += part
    sock.close()
    status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else 0
    return status, sent


@pytest.fixture(scope="module")
def server(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory):
    import shutil

    root = tmp_path_factory.mktemp("limits")
    db = root / "store.duckdb"
    shutil.copy(bundled_db, db)
    token = issue(str(db), "nso", "area:*")
    srv = Server(str(db), log=root / "server.log").start()
    yield srv, token
    srv.stop()


CASES = [
    # (name, with token, chunked, multipart, expected status, cap the server may read)
    ("json, no token, declared", False, False, False, 401, 0),
    ("json, no token, chunked", False, True, False, 401, 0),
    ("upload, no token, declared", False, False, True, 401, 0),
    ("upload, no token, chunked", False, True, True, 401, 0),
    ("json, token, declared", True, False, False, 413, 0),
    ("json, token, chunked", True, True, False, 413, 16 * MIB),
    ("upload, token, declared", True, False, True, 413, 0),
    ("upload, token, chunked", True, True, True, 413, 64 * MIB),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, with_token, chunked, multipart, expected, cap", CASES, ids=[c[0] for c in CASES]
)
def test_one_gigabyte_body(server, name, with_token, chunked, multipart, expected, cap) -> None:
    srv, token = server
    sampler = Sampler(srv.pid)
    sampler.start()
    path = "/api/observations/file" if multipart else "/api/observations"
    status, sent = send_huge(
        srv.url, path, token if with_token else {}, total=GIB, chunked=chunked, multipart=multipart
    )
    time.sleep(0.3)
    sampler.stop_flag = True
    sampler.join()
    print(
        f"{name}: HTTP {status}; client got {sent / MIB:.0f} MiB out before the answer; "
        f"server RSS +{sampler.grew_mb:.1f} MB; largest open file {sampler.peak_file / MIB:.1f} MiB"
    )
    assert status == expected
    assert sampler.grew_mb < LIMIT_MB
    assert sampler.peak_file <= max(cap, 1 * MIB)
    # the socket buffers take a few MiB; a body the server refuses unread stops there
    assert sent < cap + 32 * MIB
