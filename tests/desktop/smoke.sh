#!/usr/bin/env bash
# Desktop smoke test: the real onetrip-desktop binary, standalone, on a fresh profile, under Xvfb.
#
#   cargo build -p onetrip-desktop        # after `npm ci && npm run build` in ui/, so the UI is in
#   bash tests/desktop/smoke.sh
#
# Passes when the in-process hall server answers /healthz, all three windows report their page
# loaded, the server saw the webviews fetch the UI's JS/CSS and call the API (the kiosk's
# GET /api/v1/categories), the screenshot is far from blank, and SIGTERM stops the app and its
# server cleanly. The screenshot stays at tests/desktop/out/desktop-smoke.png, the logs beside it.
#
# Printing: with CUPS and cups-pdf installed (scripts/install-deps.sh), the script adds two
# cups-pdf queues as the receipt and A4 printers; the kiosk window (tests/desktop/kiosk-print.js,
# run by the debug build) takes a ticket and prints its slip by touch, and the counter window
# (counter-print.js) prints a sealed A4 refusal notice. Each PDF that comes out must carry its QR (decoded with zbarimg: cups-pdf re-renders the text as Type 3
# glyphs that pdftotext cannot read). SMOKE_REQUIRE_PRINTER=1 fails when CUPS is not there.
#
# Environment: ONETRIP_DESKTOP_BIN (default target/debug/onetrip-desktop), SMOKE_TIMEOUT (seconds
# to wait for the server, default 60), SMOKE_MIN_COLOURS (default 1000), SMOKE_KEEP=1 keeps the
# temporary profile and logs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${ONETRIP_DESKTOP_BIN:-$root/target/debug/onetrip-desktop}
out=$root/tests/desktop/out
shot=$out/desktop-smoke.png
server_timeout=${SMOKE_TIMEOUT:-60}
ui_timeout=45
min_colours=${SMOKE_MIN_COLOURS:-1000}
min_window_colours=50
windows=(kiosk counter display)
titles=(自助取号 综合窗口 叫号屏)

say() { echo "desktop smoke: $*"; }

work=""
xvfb_pid=""
app_pid=""
app_log=/dev/null

fail() {
  echo "desktop smoke: FAIL: $*" >&2
  if [[ -s $app_log ]]; then
    echo "---- last lines of the app's log (kept as $out/app.log) ----" >&2
    tail -n 40 "$app_log" >&2
    echo "----" >&2
  fi
  exit 1
}

stop_pid() { # pid, seconds to wait after SIGTERM
  local pid=$1 wait=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  stop_pid "$app_pid" 5
  stop_pid "$xvfb_pid" 2
  if [[ -n $work ]]; then
    # The logs stay beside the screenshot, for a look after a failure or in CI artifacts.
    cp -f "$work"/*.log "$out"/ 2>/dev/null || true
    if [[ ${SMOKE_KEEP:-} == 1 ]]; then
      say "kept $work"
    else
      rm -rf "$work"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ -x $bin ]] || fail "no binary at $bin — build it first: cargo build -p onetrip-desktop"
for tool in Xvfb import convert curl; do
  command -v "$tool" >/dev/null || fail "'$tool' is missing — run scripts/install-deps.sh"
done

mkdir -p "$out"
rm -f "$shot" "$out"/*.log
work=$(mktemp -d "${TMPDIR:-/tmp}/onetrip-desktop-smoke.XXXXXX")
mkdir -p "$work/home/.config" "$work/home/.local/share" "$work/home/.cache" "$work/run"
chmod 700 "$work/run"
app_log=$work/app.log

# Xvfb picks a free display itself and writes its number to fd 5.
Xvfb -displayfd 5 -screen 0 1600x1000x24 -nolisten tcp 5>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $work/display ]] && break
  kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start: $(tail -n 5 "$work/xvfb.log")"
  sleep 0.1
done
[[ -s $work/display ]] || fail "Xvfb did not report a display within 10 s"
display=":$(head -n 1 "$work/display")"
say "Xvfb on $display"

# The receipt printer: a cups-pdf queue on this machine's CUPS (started here when not running).
printer_args=()
if source "$root/tests/desktop/cups-pdf.sh" && cups_pdf_queue onetrip-test-slip && cups_pdf_queue onetrip-test-a4; then
  printer_args=(--receipt-printer onetrip-test-slip --a4-printer onetrip-test-a4)
  touch "$work/print-marker"
  say "printers: CUPS queues onetrip-test-slip, onetrip-test-a4 (cups-pdf, output in $(cups_pdf_out_dirs | tr '\n' ' '))"
elif [[ ${SMOKE_REQUIRE_PRINTER:-} == 1 ]]; then
  fail "no CUPS with cups-pdf: install cups and printer-driver-cups-pdf (scripts/install-deps.sh)"
else
  say "no CUPS with cups-pdf: skipping the print check"
fi

# A fresh profile: standalone mode (the default), a new config file, a new database.
report=$work/report
start=$SECONDS
env -u WAYLAND_DISPLAY -u ONETRIP_DESKTOP_CONFIG -u ONETRIP_DEVICE_TOKEN -u ONETRIP_ADMIN_PASSWORD \
  DISPLAY="$display" \
  HOME="$work/home" \
  XDG_CONFIG_HOME="$work/home/.config" \
  XDG_DATA_HOME="$work/home/.local/share" \
  XDG_CACHE_HOME="$work/home/.cache" \
  XDG_RUNTIME_DIR="$work/run" \
  RUST_LOG="info,tower_http=debug" \
  ONETRIP_DESKTOP_REPORT="$report" \
  ONETRIP_DESKTOP_TEST_SCRIPT_KIOSK="$root/tests/desktop/kiosk-print.js" \
  ONETRIP_DESKTOP_TEST_SCRIPT_COUNTER="$root/tests/desktop/counter-print.js" \
  "$bin" ${printer_args[@]+"${printer_args[@]}"} >"$work/app.out" 2>"$app_log" &
app_pid=$!
say "started $bin (pid $app_pid)"

# 1. The in-process server: reported URL, /healthz answers.
url=""
while :; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    status=0
    wait "$app_pid" || status=$?
    app_pid=""
    fail "the app exited early with status $status"
  fi
  if [[ -z $url && -s $report ]]; then
    url=$(head -n 1 "$report")
  fi
  if [[ -n $url ]] && curl -fsS -m 2 "$url/healthz" >"$work/healthz" 2>/dev/null; then
    break
  fi
  ((SECONDS - start < server_timeout)) ||
    fail "no healthy server within ${server_timeout} s (reported URL: ${url:-none})"
  sleep 0.5
done
say "server at $url answers /healthz after $((SECONDS - start)) s: $(head -c 200 "$work/healthz")"
[[ $url == http://127.0.0.1:* ]] || fail "standalone server should listen on 127.0.0.1, reported $url"

# 2. The UI in the webviews: every window loaded its page, and the server saw the webviews fetch
#    the UI's scripts and styles and call the API. The server logs each request (method and path).
ui_start=$SECONDS
missing=()
while :; do
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited while loading the UI"
  missing=()
  for w in "${windows[@]}"; do
    grep -Eq "page loaded.*window=$w|window=$w.*page loaded" "$app_log" || missing+=("window $w loaded")
  done
  grep -Eq 'GET.*/assets/[^ ]*\.js' "$app_log" || missing+=("GET /assets/*.js")
  grep -Eq 'GET.*/assets/[^ ]*\.css' "$app_log" || missing+=("GET /assets/*.css")
  grep -Eq 'GET.*/api/v1/categories' "$app_log" || missing+=("GET /api/v1/categories (kiosk)")
  ((${#missing[@]} == 0)) && break
  ((SECONDS - ui_start < ui_timeout)) || fail "the UI did not load within ${ui_timeout} s; not seen: ${missing[*]}.
  (Is the UI built? The server embeds ui/dist: run 'npm ci && npm run build' in ui/ before cargo build.
   Does the server log requests at info level with method and path?)"
  sleep 0.5
done
say "all windows loaded; the server saw the UI's assets and GET /api/v1/categories ($((SECONDS - ui_start)) s)"
grep -q '界面尚未构建' "$app_log" && fail "the server reports the UI is not built"

# 3. The screen: wait for the pages to paint, then require a far-from-blank screenshot.
colours=0
for ((try = 1; try <= 10; try++)); do
  sleep 1.5
  DISPLAY=$display import -window root "$shot" 2>"$work/import.log" ||
    fail "screenshot failed: $(cat "$work/import.log")"
  colours=$(convert "$shot" -format %k info:)
  ((colours >= min_colours)) && break
done
say "screenshot: $shot ($colours distinct colours)"
((colours >= min_colours)) || fail "the screen looks blank: $colours distinct colours < $min_colours"

# Each window, where xwininfo (x11-utils) can find it by its title, shows something of its own.
if command -v xwininfo >/dev/null; then
  tree=$(DISPLAY=$display xwininfo -root -tree)
  for i in "${!windows[@]}"; do
    line=$(grep -F "\"${titles[$i]}\"" <<<"$tree" | head -n 1 || true)
    [[ -n $line ]] || fail "no window titled ${titles[$i]} (${windows[$i]}) on the screen"
    geometry=$(grep -oE '[0-9]+x[0-9]+\+-?[0-9]+\+-?[0-9]+' <<<"$line" | head -n 1)
    n=$(convert "$shot" -crop "$geometry" +repage -format %k info:)
    say "window ${titles[$i]} (${windows[$i]}) at $geometry: $n colours"
    ((n >= min_window_colours)) || fail "window ${windows[$i]} looks blank ($n colours)"
  done
else
  say "xwininfo not installed: skipping the per-window check"
fi

# 4. Printing: the kiosk's slip and the counter's A4 notice came out of their cups-pdf queues,
#    each with its QR.
wait_step() { # prefix of the step reported when done, what it is
  local done=$1 what=$2 step start=$SECONDS
  while :; do
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited while printing"
    step=$(grep -oE "/api/v1/desktop-test/[^ \"}]*" "$app_log" | grep -E "/($done|print-failed|error|a4-error)" | tail -n 1 || true)
    case $step in
      */"$done"*) return 0 ;;
      ?*) fail "$what: $(printf '%b' "${step//%/\\x}")" ;;
    esac
    ((SECONDS - start < 120)) || fail "$what: not done within 120 s"
    sleep 0.5
  done
}
printed_qr() { # file-name glob of the job's PDF; prints the QR text read off the PDF
  local glob=$1 pdf="" i
  for ((i = 0; i < 60; i++)); do
    pdf=$(find $(cups_pdf_out_dirs) -maxdepth 1 -name "$glob" -newer "$work/print-marker" 2>/dev/null | head -n 1 || true)
    [[ -n $pdf ]] && break
    sleep 0.5
  done
  [[ -n $pdf ]] || fail "no PDF named $glob came out of CUPS"
  rm -f "$work"/page*.png
  pdftoppm -r 200 -png -f 1 -l 1 "$pdf" "$work/page" 2>/dev/null || fail "cannot render $pdf"
  zbarimg -q --raw "$work"/page*.png 2>/dev/null || true
  say "printed: $pdf ($(stat -c %s "$pdf") bytes)" >&2
  rm -f "$pdf"
}
if ((${#printer_args[@]})); then
  print_start=$SECONDS
  wait_step printed- "the kiosk could not print its slip"
  grep -q '/api/v1/desktop-test/printer-hook-object' "$app_log" ||
    fail "the kiosk page did not get the shell's slip printer"
  grep -Eq 'POST.*/api/v1/tickets/[0-9]+/slip-status' "$app_log" ||
    fail "the kiosk did not record the slip as printed"
  number=$(grep -oE '/api/v1/desktop-test/ticket-[A-Z][0-9]+' "$app_log" | head -n 1 | sed 's/.*ticket-//')
  track=$(grep -oE '/api/v1/desktop-test/qr-[A-Za-z0-9_-]+' "$app_log" | head -n 1 | sed 's/.*qr-//' || true)
  [[ -n $track ]] || fail "the kiosk did not show the ticket's QR"
  qr=$(printed_qr "$number*.pdf")
  [[ $qr == *"/track/ticket/$track" ]] ||
    fail "the printed slip does not carry ticket $number's QR (read: ${qr:-nothing})"
  say "slip of ticket $number printed through CUPS, its QR read back"

  wait_step a4-printed- "the counter could not print its notice"
  grep -q '/api/v1/desktop-test/a4-hook-object' "$app_log" ||
    fail "the counter page did not get the shell's document printer"
  notice=$(grep -oE '/api/v1/desktop-test/a4-printed-[0-9]+' "$app_log" | head -n 1 | sed 's/.*printed-//')
  qr=$(printed_qr "notice-$notice*.pdf")
  [[ $qr == *"/verify?s=1.refusal."* ]] ||
    fail "the printed notice does not carry its seal QR (read: ${qr:-nothing})"
  say "A4 notice $notice printed through CUPS, its sealed QR read back ($((SECONDS - print_start)) s)"
fi

# 5. Shutdown: SIGTERM closes the app, which stops its server and exits 0.
kill -TERM "$app_pid"
for ((i = 0; i < 150; i++)); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not exit within 15 s of SIGTERM"
status=0
wait "$app_pid" || status=$?
app_pid=""
((status == 0)) || fail "the app exited with status $status after SIGTERM"
grep -q "hall server stopped" "$app_log" || fail "the app exited without stopping its hall server"
if curl -fsS -m 2 "$url/healthz" >/dev/null 2>&1; then
  fail "the hall server still answers after the app exited"
fi

say "OK in $((SECONDS - start)) s — screenshot: $shot"
