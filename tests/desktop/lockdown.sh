#!/usr/bin/env bash
# Kiosk lockdown test: the real onetrip-desktop binary (debug build), standalone, kiosk window
# only, `kiosk_lockdown = true` with an admin PIN, under Xvfb.
#
# Passes when: the kiosk, left alone on an open ticket, goes back to its home screen after the
# idle timeout; a staff page is refused (a full load) or sends it home (a route change); Ctrl+Alt+L opens the shell's PIN window; a wrong PIN is refused and the right
# one lifts the lockdown (closing the PIN window, opening the settings screen); and when WebKit's web process is killed,
# the shell loads the kiosk page again. Under a window manager (openbox, from
# scripts/install-deps.sh) the locked kiosk must also be full screen and above other windows,
# and a close request must be refused; once unlocked it is neither.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${ONETRIP_DESKTOP_BIN:-$root/target/debug/onetrip-desktop}
out=$root/tests/desktop/out
say() { echo "desktop lockdown: $*"; }
work="" xvfb_pid="" app_pid="" app_log=/dev/null
fail() {
  echo "desktop lockdown: FAIL: $*" >&2
  [[ -s $app_log ]] && tail -n 30 "$app_log" >&2
  exit 1
}
cleanup() {
  local status=$?
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [[ -n ${wm_pid:-} ]] && kill "$wm_pid" 2>/dev/null
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null
  [[ -n $work ]] && { cp -f "$work/app.log" "$out/lockdown-app.log" 2>/dev/null || true; rm -rf "$work"; }
  exit "$status"
}
trap cleanup EXIT

[[ -x $bin ]] || fail "no binary at $bin — build it first"
for tool in Xvfb xdotool xwininfo xprop wmctrl openbox; do
  command -v "$tool" >/dev/null || fail "'$tool' is missing — run scripts/install-deps.sh"
done
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/onetrip-desktop-lockdown.XXXXXX")
mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
app_log=$work/app.log

Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for ((i = 0; i < 100; i++)); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || fail "Xvfb did not start"
export DISPLAY=":$(head -n 1 "$work/display")"
openbox >"$work/openbox.log" 2>&1 &
wm_pid=$!

pin=246810
hash=$(echo "$pin" | "$bin" hash-pin) || fail "hash-pin failed"
printf 'kiosk_lockdown = true\nadmin_pin_hash = "%s"\nidle_timeout_secs = 15\nwindows = ["kiosk"]\n' "$hash" >"$work/desktop.toml"

env -u WAYLAND_DISPLAY -u ONETRIP_DESKTOP_CONFIG \
  HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/run" RUST_LOG="info,tower_http=debug" \
  ONETRIP_DESKTOP_TEST_SCRIPT_KIOSK="$root/tests/desktop/kiosk-idle.js" \
  "$bin" --config "$work/desktop.toml" >"$work/app.out" 2>"$app_log" &
app_pid=$!

wait_log() { # extended regex, seconds, what
  local start=$SECONDS
  until grep -Eq "$1" "$app_log"; do
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited ($3)"
    ((SECONDS - start < $2)) || fail "$3: not seen within $2 s"
    sleep 0.3
  done
}
window_id() { xdotool search --name "$1" 2>/dev/null | head -n 1 || true; }

# 1. Idle: an open ticket, then no touch for 15 s → the home screen, loaded again.
wait_log 'desktop-test/ticket-shown' 60 "the kiosk taking a ticket"
say "ticket shown; waiting for the idle timeout"
wait_log 'desktop-test/load-2-(%2F|/)kiosk-home' 40 "the kiosk going home when idle"
say "idle kiosk went back to its home screen"
wait_log 'desktop-test/after-staff-nav-(%2F|/)kiosk' 20 "the kiosk refused a staff page load"
grep -q 'navigation to a staff page blocked' "$app_log" || fail "the shell did not log the blocked staff page"
wait_log 'desktop-test/load-3-(%2F|/)kiosk-home' 20 "the kiosk sent home from a staff route"
say "staff pages: a full load refused, a route change sent home"

# 2. Locked: full screen, above the rest, a close request refused.
kiosk=$(window_id 自助取号)
[[ -n $kiosk ]] || fail "no kiosk window"
wm_state() { xprop -id "$kiosk" _NET_WM_STATE 2>/dev/null || true; }
state=$(wm_state)
[[ $state == *_NET_WM_STATE_FULLSCREEN* && $state == *_NET_WM_STATE_ABOVE* ]] ||
  fail "the locked kiosk is not full screen and on top: $state"
size=$(xwininfo -id "$kiosk" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
[[ $size == 1280x800 ]] || fail "the locked kiosk does not fill the screen: $size"
wmctrl -c 自助取号
wait_log 'close of the locked kiosk refused' 10 "a close request refused"
[[ -n $(window_id 自助取号) ]] || fail "the locked kiosk closed"
say "locked: full screen ($size), on top, close refused"

# 3. The PIN window: Ctrl+Alt+L, a wrong PIN refused, the right one lifts the lockdown.
xdotool windowfocus --sync "$kiosk" key ctrl+alt+l
for ((i = 0; i < 50; i++)); do [[ -n $(window_id 解除自助机锁定) ]] && break; sleep 0.2; done
unlock=$(window_id 解除自助机锁定)
[[ -n $unlock ]] || fail "Ctrl+Alt+L did not open the PIN window"
sleep 1
xdotool windowfocus --sync "$unlock" type --delay 40 1111
xdotool key Return
wait_log 'kiosk unlock refused code="wrong_pin"' 10 "a wrong PIN refused"
[[ -n $(window_id 解除自助机锁定) ]] || fail "the PIN window closed on a wrong PIN"
xdotool windowfocus --sync "$unlock" type --delay 40 "$pin"
xdotool key Return
wait_log 'kiosk lockdown lifted with the admin PIN' 10 "the right PIN accepted"
sleep 0.5
[[ -z $(window_id 解除自助机锁定) ]] || fail "the PIN window stayed open after unlocking"
for ((i = 0; i < 50; i++)); do [[ -n $(window_id 自助终端设置) ]] && break; sleep 0.2; done
[[ -n $(window_id 自助终端设置) ]] || fail "the settings screen did not open after unlocking"
say "PIN window: wrong PIN refused, right PIN lifted the lockdown and opened the settings"
sleep 1
state=$(wm_state)
[[ $state != *_NET_WM_STATE_FULLSCREEN* && $state != *_NET_WM_STATE_ABOVE* ]] ||
  fail "the unlocked kiosk is still full screen or on top: $state"

# 4. A dead web process: the shell loads the page again.
loads=$(grep -c 'page loaded' "$app_log" || true)
# The oldest web process is the kiosk's (the settings window's came later).
web=$(pgrep -o -f WebKitWebProcess -P "$app_pid" || true)
[[ -n $web ]] || web=$(pgrep -o -f WebKitWebProcess || true)
[[ -n $web ]] || fail "no WebKitWebProcess found"
kill -KILL "$web"
wait_log 'web process ended: reloading the page' 15 "the crash noticed"
start=$SECONDS
until (($(grep -c 'page loaded' "$app_log") > loads)); do
  ((SECONDS - start < 30)) || fail "the kiosk page was not loaded again after the crash"
  sleep 0.3
done
say "killed web process $web; the kiosk page loaded again"
say "OK"
