"""The README and the docs say what the commands do: every README example runs, every
concrete command line in docs/ parses.

README blocks after the set-up section run for real, in a temporary folder, against a
fresh store with the bundled data (``$MIC2025_DB``).  ``mic2025 serve`` is started in
the background, asked for ``/api`` and stopped.  Docs show synopses (``[--lang …]``),
so there only concrete lines are checked, by parsing them with the real command.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer

from mic2025.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\s*\n(.*?)^```", re.M | re.S)
BIN = Path(sys.executable).parent

SERVE_WRAPPER = r"""
mic2025() {
  if [ "$1" = serve ]; then
    shift
    "$MIC2025_BIN" serve "$@" --port "$SERVE_PORT" > serve.log 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
      if "$PYTHON" -c "$PROBE" "http://127.0.0.1:$SERVE_PORT/api/indicators" 2>/dev/null; then
        kill $pid; wait $pid 2>/dev/null || true; return 0
      fi
      sleep 0.2
    done
    kill $pid; cat serve.log; return 1
  fi
  "$MIC2025_BIN" "$@"
}
"""


def _blocks(text: str) -> list[tuple[str, str]]:
    usage = text[text.index("## Using it") :]
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(usage) if m.group(1) in ("bash", "python")]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, bundled_db: Path) -> dict[str, str]:
    import shutil

    folder = tmp_path_factory.mktemp("readme")
    db = folder / "store.duckdb"
    shutil.copy(bundled_db, db)
    env = {**os.environ, "MIC2025_DB": str(db), "HOME": str(folder), "COLUMNS": "100"}
    env.update(MIC2025_BIN=str(BIN / "mic2025"), PYTHON=sys.executable, PATH=f"{BIN}:{env['PATH']}")
    env["PROBE"] = "import sys, urllib.request; urllib.request.urlopen(sys.argv[1])"
    return {"cwd": str(folder), **{k: v for k, v in env.items() if isinstance(v, str)}}


@pytest.mark.parametrize("index", range(len(_blocks(README.read_text(encoding="utf-8")))))
def test_every_readme_example_runs(workdir: dict[str, str], index: int) -> None:
    kind, code = _blocks(README.read_text(encoding="utf-8"))[index]
    cwd = workdir["cwd"]
    env = {k: v for k, v in workdir.items() if k != "cwd"}
    if kind == "bash":
        script = "set -euo pipefail\n" + SERVE_WRAPPER + code
        env["SERVE_PORT"] = str(_free_port())
        run = subprocess.run(
            ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
    else:
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
    assert run.returncode == 0, (
        f"README block {index} ({kind}) failed:\n{code}\n--- stderr ---\n{run.stderr[-3000:]}"
    )


def _doc_commands() -> list[tuple[str, int, str]]:
    """Concrete ``mic2025 …`` lines inside code blocks of docs/*.md (no synopsis notation)."""
    found = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        inside = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().startswith("```"):
                inside = not inside
                continue
            text = line.strip().removeprefix("$ ").split("  #")[0].strip()
            if not (inside or line.startswith("    ")) or not text.startswith("mic2025 "):
                continue
            if any(mark in text for mark in ("[", "|", "…", "...", "\\")):
                continue
            found.append((path.name, number, text))
    return found


@pytest.mark.parametrize(("doc", "line", "command"), _doc_commands())
def test_doc_commands_parse(doc: str, line: int, command: str) -> None:
    args = shlex.split(command)[1:]
    group: click.Command = typer.main.get_command(app)
    info = "mic2025"
    while isinstance(group, click.Group) and args and args[0] in group.commands:
        info, group, args = args[0], group.commands[args[0]], args[1:]
    try:
        group.make_context(info, list(args))
    except click.exceptions.Exit:
        pass
    except click.ClickException as exc:
        pytest.fail(f"{doc}:{line}: `{command}` does not parse: {exc.format_message()}")
