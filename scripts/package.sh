#!/usr/bin/env bash
# Build the desktop app's Debian package (and try the AppImage).
#
#   bash scripts/package.sh          # or: make package
#
# 1. builds the web UI (ui/dist) when it is missing or older than its sources — the release
#    binaries embed it at compile time;
# 2. finds or installs the Tauri CLI 2.12 (see below);
# 3. runs the bundler from src-tauri: `tauri build --bundles deb` — a release build of
#    onetrip-desktop, packaged as target/release/bundle/deb/onetrip_<version>_amd64.deb;
# 4. tries the AppImage (`--bundles appimage`). The bundler downloads its AppImage tooling
#    (linuxdeploy, AppRun) from github.com into ~/.cache/tauri on first use; where GitHub cannot
#    be reached the AppImage is reported as not built — nothing else is faked. To build it
#    offline, put linuxdeploy-07333c6-x86_64.AppImage and AppRun-x86_64 (from
#    github.com/tauri-apps/binary-releases) in ~/.cache/tauri, executable.
#
# Environment: CARGO_TARGET_DIR is honoured (default target/); PACKAGE_APPIMAGE=0 skips the AppImage attempt, =1 makes its failure fatal
# (default: try, report). The paths of what was built are printed at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
say() { echo "package: $*"; }
die() { echo "package: error: $*" >&2; exit 1; }
nice_=(nice -n 10)

# 1. The web UI.
cd "$root/ui"
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi
if [[ ! -f dist/index.html ]] ||
  [[ -n $(find src index.html package.json package-lock.json vite.config.* -newer dist/index.html -print -quit 2>/dev/null) ]]; then
  say "building the web UI"
  npm run build
else
  say "web UI up to date (ui/dist)"
fi
cd "$root"

# 2. The Tauri CLI, 2.12 like the tauri crate of Cargo.lock: `cargo tauri` when installed; else
#    the CLI's prebuilt binary from npm (@tauri-apps/cli, a few seconds) in target/tauri-cli;
#    TAURI_CLI_FROM_SOURCE=1 compiles it instead (cargo install, ~600 crates: over 15 minutes
#    on 2 cores).
tauri_cli_version=${TAURI_CLI_VERSION:-2.12.5}
if cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  tauri=(cargo tauri)
elif [[ ${TAURI_CLI_FROM_SOURCE:-} == 1 ]]; then
  say "installing the Tauri CLI: cargo install tauri-cli --version ^2 --locked"
  "${nice_[@]}" cargo install tauri-cli --version "^2" --locked
  tauri=(cargo tauri)
else
  cli_dir=$target/tauri-cli
  if ! "$cli_dir/node_modules/.bin/tauri" --version 2>/dev/null | grep -qF "tauri-cli $tauri_cli_version"; then
    say "installing the Tauri CLI $tauri_cli_version (npm @tauri-apps/cli) in $cli_dir"
    mkdir -p "$cli_dir"
    npm install --no-audit --no-fund --prefix "$cli_dir" "@tauri-apps/cli@$tauri_cli_version"
  fi
  tauri=("$cli_dir/node_modules/.bin/tauri")
fi
say "$("${tauri[@]}" --version)"

# 3. The .deb.
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -n 1)
deb_dir=$target/release/bundle/deb
rm -f "$deb_dir"/*.deb
(cd src-tauri && "${nice_[@]}" "${tauri[@]}" build --ci --bundles deb)
deb=$(ls "$deb_dir"/*_"$version"_*.deb 2>/dev/null | head -n 1)
[[ -f $deb ]] || die "the bundler reported success but no .deb is in $deb_dir"
say "deb: $deb ($(du -h "$deb" | cut -f1))"

# 4. The AppImage, if its tooling can be had.
appimage=""
appimage_note=""
if [[ ${PACKAGE_APPIMAGE:-try} != 0 ]]; then
  rm -f "$target"/release/bundle/appimage/*.AppImage
  log=$target/release/bundle/appimage-build.log
  mkdir -p "$(dirname "$log")"
  if (cd src-tauri && timeout 900 "${nice_[@]}" "${tauri[@]}" build --ci --bundles appimage) >"$log" 2>&1; then
    appimage=$(ls "$target"/release/bundle/appimage/*.AppImage 2>/dev/null | head -n 1)
  fi
  if [[ -z $appimage ]]; then
    if grep -qiE 'github|download|dns|connect|network|timed out|tls' "$log"; then
      appimage_note="not built: the bundler could not download its AppImage tooling (linuxdeploy/AppRun) from github.com — see $log"
    else
      appimage_note="not built: the AppImage bundler failed — see $log"
    fi
    [[ ${PACKAGE_APPIMAGE:-try} == 1 ]] && die "AppImage $appimage_note"
  fi
else
  appimage_note="skipped (PACKAGE_APPIMAGE=0)"
fi

echo
say "built:"
echo "  deb:      $deb"
if [[ -n $appimage ]]; then
  echo "  AppImage: $appimage ($(du -h "$appimage" | cut -f1))"
else
  echo "  AppImage: $appimage_note"
fi
rel=${deb#"$PWD"/}
[[ $rel == /* ]] || rel=./$rel
echo "Install the .deb on Debian 12 with: sudo apt-get install $rel"
