#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the tests and print its URL.
# Usage: eval "$(bash .ci/start-postgres.sh)"   -> exports MIC2025_PG_URL
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${MIC2025_PG_PORT:-54329}
data=$(mktemp -d /tmp/mic2025-pg.XXXXXX)
chown postgres "$data" 2>/dev/null || true
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
run "$bindir/initdb -D $data -U postgres --auth=trust -E UTF8 >/dev/null"
run "$bindir/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $data/server.log -w start >/dev/null"
run "$bindir/createdb -h 127.0.0.1 -p $port -U postgres mic2025_test"
echo "export MIC2025_PG_URL=postgresql://postgres@127.0.0.1:$port/mic2025_test"
echo "export MIC2025_PG_DATA=$data"
