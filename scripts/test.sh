#!/usr/bin/env bash
# Install what the tests need and run them: Debian packages (when missing and we are
# root), a virtual environment with the project and its test extras, a throw-away
# PostgreSQL server, then ruff and pytest.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(postgresql default-jre-headless chromium fonts-noto-cjk poppler-utils)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: missing Debian packages (${missing[*]}); tests that need them will be skipped" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

if [ -z "${MIC2025_PG_URL:-}" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  eval "$(bash .ci/start-postgres.sh)"
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  stop_pg() { su postgres -s /bin/bash -c "$bindir/pg_ctl -D $MIC2025_PG_DATA -m fast stop" >/dev/null 2>&1 || true; }
  trap stop_pg EXIT
  export MIC2025_PG_URL
fi

.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
