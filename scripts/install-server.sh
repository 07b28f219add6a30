#!/usr/bin/env bash
# Install the onetrip hall server as a systemd service on this machine (Debian 12; run as root).
#
#   cargo build --release --bin onetrip     # after `npm ci && npm run build` in ui/ (the release
#                                           # binary embeds the web UI)
#   sudo bash scripts/install-server.sh [path/to/onetrip]
#
# What it does (idempotent; running it again upgrades the binary and restarts the service):
#   * installs the binary as /usr/bin/onetrip (default: target/release/onetrip);
#   * creates the system user and group `onetrip` (no login shell, home /var/lib/onetrip);
#   * creates /var/lib/onetrip (0750, onetrip:onetrip) — the SQLite database and sealing keys;
#   * installs /etc/onetrip/onetrip.env from packaging/systemd/onetrip.env unless one exists
#     (0640 root:onetrip: it may hold DATABASE_URL and ONETRIP_ADMIN_PASSWORD);
#   * installs packaging/systemd/onetrip.service as /etc/systemd/system/onetrip.service,
#     then enables and (re)starts it.
#
# ONETRIP_NO_START=1 installs everything and enables the unit without starting it (e.g. to edit
# /etc/onetrip/onetrip.env first). Without systemd running (a container, a chroot) the files
# are installed and the systemctl steps are skipped with a note.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$root/target/release/onetrip}

say() { echo "install-server: $*"; }
die() { echo "install-server: error: $*" >&2; exit 1; }

((EUID == 0)) || die "run as root (sudo bash $0)"
[[ -x $bin ]] || die "no server binary at $bin — build it first: (cd ui && npm ci && npm run build) && cargo build --release --bin onetrip"
"$bin" --version >/dev/null || die "$bin does not run"

# 1. The binary.
install -D -m 0755 "$bin" /usr/bin/onetrip
say "installed /usr/bin/onetrip ($(/usr/bin/onetrip --version))"

# 2. The service user and its data directory.
if ! getent group onetrip >/dev/null; then
  groupadd --system onetrip
fi
if ! getent passwd onetrip >/dev/null; then
  useradd --system --gid onetrip --home-dir /var/lib/onetrip --no-create-home \
    --shell /usr/sbin/nologin --comment "onetrip hall server" onetrip
  say "created system user onetrip"
fi
install -d -m 0750 -o onetrip -g onetrip /var/lib/onetrip

# 3. The configuration (kept when present: it is the admin's).
install -d -m 0755 /etc/onetrip
if [[ -e /etc/onetrip/onetrip.env ]]; then
  say "kept the existing /etc/onetrip/onetrip.env"
else
  install -m 0640 -o root -g onetrip "$root/packaging/systemd/onetrip.env" /etc/onetrip/onetrip.env
  say "installed /etc/onetrip/onetrip.env (edit it, then: systemctl restart onetrip)"
fi
install -D -m 0644 "$root/README.md" /usr/share/doc/onetrip/README.md

# 4. The unit.
install -D -m 0644 "$root/packaging/systemd/onetrip.service" /etc/systemd/system/onetrip.service
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /etc/systemd/system/onetrip.service || die "the unit does not verify"
fi
if [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
  systemctl enable onetrip.service
  if [[ ${ONETRIP_NO_START:-} == 1 ]]; then
    say "enabled onetrip.service; start it with: systemctl start onetrip"
  else
    systemctl restart onetrip.service
    sleep 2
    systemctl --no-pager --lines=20 status onetrip.service || die "the service did not start: journalctl -u onetrip"
    say "running. The first start prints the admin password once: journalctl -u onetrip | grep -i password"
  fi
else
  say "systemd is not running here: files installed, unit not enabled (on a systemd host: systemctl enable --now onetrip)"
fi
