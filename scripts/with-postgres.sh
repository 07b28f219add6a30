#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL: initdb into a temporary directory, start it on
# a free port, export ONETRIP_TEST_POSTGRES (an admin URL the tests create databases through),
# then stop and delete it whatever the command did. Depends on no system service.
#
#   scripts/with-postgres.sh cargo test --test api
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL server binaries not found; run scripts/install-deps.sh" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/onetrip-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# initdb refuses to run as root; the Debian package created the `postgres` user for this.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi

stop() {
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$pg_bin/initdb" -D "$dir/data" -U onetrip -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=128MB" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export ONETRIP_TEST_POSTGRES="postgres://onetrip@127.0.0.1:$port/postgres"
echo "throwaway PostgreSQL on port $port ($("$pg_bin/postgres" --version))"
"$@"
