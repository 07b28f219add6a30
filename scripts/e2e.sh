#!/usr/bin/env bash
# Starts a throwaway hall server (fresh SQLite, demo catalog) and runs the Playwright suite
# against it in Debian's headless Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

export ONETRIP_ADMIN_PASSWORD="e2e-admin-$(date +%s)"
"$root/target/debug/onetrip" serve --data-dir "$work" --bind 127.0.0.1:0 --seed-demo \
  >"$work/server.out" 2>"$work/server.log" &
server_pid=$!

url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.out" || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "server died"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log"; echo "server did not report its address"; exit 1; }
echo "e2e server at $url"

cd "$root/ui"
ONETRIP_URL="$url" npx playwright test "$@" || { tail -50 "$work/server.log"; exit 1; }
