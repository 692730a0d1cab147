#!/usr/bin/env bash
# Run every benchmark; each prints its ratio against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
for bench in bench/bench_*.py; do
  echo "== $bench"
  "$py" "$bench"
done
