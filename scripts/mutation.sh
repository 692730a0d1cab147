#!/usr/bin/env bash
# Mutation testing with mutmut (docs/testing.md).
#
#   scripts/mutation.sh                 every module listed in pyproject.toml
#   scripts/mutation.sh vintages auth   only these (methods, disclosure, vintages, ingest,
#                                       auth, uncertainty: [tool.mic2025.mutation.*])
#
# Each module runs in its own folder .mutation/MODULE, with the [tool.mutmut] settings of
# pyproject.toml narrowed to that module's files and tests, so a run takes minutes and a
# second run only retests what changed (FRESH=1 starts again from nothing).  Prints the
# killed and surviving mutants per module and names the survivors; to see one:
#   (cd .mutation/MODULE && ../../.venv/bin/python -m mutmut show NAME)
# PYTHON=... picks another interpreter (default .venv/bin/python, made by scripts/test.sh);
# MIC2025_PG_URL, when set, lets the PostgreSQL tests take part.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
py=${PYTHON:-$root/.venv/bin/python}
"$py" -c 'import mutmut' 2>/dev/null || {
  echo "mutmut is not installed for $py: pip install -e '.[test]'" >&2
  exit 2
}

# the module names, or the configuration file of one module (written to stdout)
config() {
  "$py" - "$@" <<'EOF'
import json
import re
import sys
import tomllib
from pathlib import Path

text = Path("pyproject.toml").read_text(encoding="utf-8")
modules = tomllib.loads(text)["tool"]["mic2025"]["mutation"]
if len(sys.argv) == 1:
    print(" ".join(modules))
    sys.exit()
name = sys.argv[1]
if name not in modules:
    sys.exit(f"unknown module {name!r}: choose from {', '.join(modules)}")
# the project's pyproject.toml (pytest's markers and options) with a [tool.mutmut] of
# this module's files and tests
base = tomllib.loads(text)["tool"]["mutmut"]
base |= {"only_mutate": modules[name]["mutate"],
         "pytest_add_cli_args_test_selection": modules[name]["tests"]}
table = "\n".join(f"{k} = {json.dumps(v)}" for k, v in base.items())
rest = re.sub(r"(?ms)^\[tool\.(mutmut|mic2025\.mutation\.[a-z_]+)\]\n.*?(?=^\[)", "", text)
print(rest + "\n[tool.mutmut]\n" + table)
EOF
}

modules=("$@")
[ ${#modules[@]} -gt 0 ] || read -r -a modules <<<"$(config)"
status=0
for module in "${modules[@]}"; do
  work=$root/.mutation/$module
  [ "${FRESH:-0}" = 1 ] && rm -rf "$work"
  mkdir -p "$work"
  config "$module" >"$work/pyproject.toml.new"
  mv "$work/pyproject.toml.new" "$work/pyproject.toml"
  for link in src tests data; do ln -sfn "$root/$link" "$work/$link"; done
  echo "== $module"
  start=$SECONDS
  if ! (cd "$work" && "$py" -m mutmut run >run.log 2>&1); then
    tr '\r' '\n' <"$work/run.log" | grep -v '^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]' | tail -n 30
    echo "mutmut failed for $module (log: $work/run.log)" >&2
    status=1
    continue
  fi
  (cd "$work" && "$py" -m mutmut results --all=true) >"$work/results.txt"
  # killed, survived, timeout (a loop the mutant made endless: caught), not checked, ...
  summary=$(sed 's/.*: //' "$work/results.txt" | sort | uniq -c | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')
  echo "   $summary ($((SECONDS - start)) s)"
  grep -v -e ': killed$' -e ': timeout$' "$work/results.txt" | sed 's/^ */   /' || true
done
exit $status
