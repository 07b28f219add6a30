#!/usr/bin/env bash
# Installs the Debian packages onetrip needs to build, run and test on a fresh Debian 12.
# Idempotent: only missing packages are installed.
set -euo pipefail

packages=(
  # Tauri 2 / WebKitGTK desktop shell
  build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev libxdo-dev file
  # Browser and desktop tests
  chromium xvfb xauth x11-apps x11-utils xdotool imagemagick openbox wmctrl
  # Document checks and server-side tools used by later tests
  poppler-utils qpdf zbar-tools
  # Printing: the desktop shell prints through CUPS; its test prints to a cups-pdf queue
  cups cups-client cups-bsd printer-driver-cups-pdf
  # The second store backend; tests run it throwaway (scripts/with-postgres.sh)
  postgresql
  # Mandarin voice calls rendered by the server
  espeak-ng
  # CJK glyphs for the web views and for the PDFs the server renders
  fonts-wqy-microhei
  # Front end
  nodejs npm
  # schemathesis (PyPI) runs in a virtual environment (scripts/schemathesis.sh)
  python3-venv python3-pip curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# The machine may come with its own Node.js; only ask apt for it when none is on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
