#!/usr/bin/env bash
# Desktop app benchmark: package size, memory at idle, time to a usable kiosk — beside a minimal
# Tauri app (benches/desktop-minimal: the same tauri version and release profile, three empty
# windows) measured in the same run, on the same Xvfb display.
#
#   bash scripts/bench-desktop.sh        # or: make bench-desktop
#
# Builds what is missing: the .deb and release binary of onetrip-desktop (scripts/package.sh),
# and the minimal app's .deb and binary (CARGO_TARGET_DIR=target/desktop-minimal). Then:
#   * size: the two .deb files (and their Installed-Size);
#   * start-up: BENCH_RUNS launches of target/release/onetrip-desktop, standalone (embedded hall
#     server, SQLite, demo catalog, kiosk + counter + display windows), each timed from the
#     spawn to the kiosk being usable: the shell logged "page loaded" for window=kiosk AND the
#     hall server saw the kiosk's GET /api/v1/categories (the kiosk's first screen is built from
#     it). Run 1 is a first start on a fresh profile (creates the database, loads the catalog,
#     creates the admin); the others restart on that profile, as a kiosk PC does every morning.
#     The median of the restarts is the figure; the first start is reported beside it;
#   * memory: in each run, BENCH_IDLE seconds after all three windows loaded, RSS and PSS (from
#     /proc/<pid>/smaps_rollup) summed over the shell and all its descendants (WebKitWebProcess,
#     WebKitNetworkProcess, …; the hall server runs inside the shell process); the same for
#     BENCH_MIN_RUNS runs of the minimal app. Medians are reported.
# and rewrites the section "## Desktop app: package size, memory, start-up" of
# docs/BENCHMARKS.md (BENCH_NO_DOC=1 leaves it alone; the section is printed either way).
#
# Environment: BENCH_RUNS (default 6), BENCH_MIN_RUNS (default 3), BENCH_IDLE (seconds, default
# 10), BENCH_KEEP=1 keeps the profiles and logs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-6}
min_runs=${BENCH_MIN_RUNS:-3}
idle=${BENCH_IDLE:-10}
doc=$root/docs/BENCHMARKS.md
heading="## Desktop app: package size, memory, start-up"
target=${CARGO_TARGET_DIR:-$root/target}
app_bin=$target/release/onetrip-desktop
min_dir=$root/benches/desktop-minimal
min_target=$target/desktop-minimal
min_bin=$min_target/release/desktop-minimal

say() { echo "bench-desktop: $*" >&2; }
die() { echo "bench-desktop: error: $*" >&2; exit 1; }

for tool in Xvfb python3 npm; do
  command -v "$tool" >/dev/null || die "'$tool' is missing — run scripts/install-deps.sh"
done

# ---- builds ------------------------------------------------------------------------------
deb=$(ls "$target"/release/bundle/deb/onetrip_*.deb 2>/dev/null | head -n 1 || true)
if [[ -z $deb || ! -x $app_bin ]]; then
  say "building the .deb (scripts/package.sh)"
  PACKAGE_APPIMAGE=${PACKAGE_APPIMAGE:-0} bash "$root/scripts/package.sh" >&2
  deb=$(ls "$target"/release/bundle/deb/onetrip_*.deb | head -n 1)
fi
min_deb=$(ls "$min_target"/release/bundle/deb/desktop-minimal_*.deb 2>/dev/null | head -n 1 || true)
if [[ -z $min_deb || ! -x $min_bin ]]; then
  say "building the minimal app (release, CARGO_TARGET_DIR=$min_target)"
  if cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
    tauri=(cargo tauri)
  else
    tauri=("$target/tauri-cli/node_modules/.bin/tauri")
    [[ -x ${tauri[0]} ]] || die "no Tauri CLI: run scripts/package.sh first"
  fi
  (cd "$min_dir" && CARGO_TARGET_DIR=$min_target nice -n 10 "${tauri[@]}" build --ci --bundles deb) >&2
  min_deb=$(ls "$min_target"/release/bundle/deb/desktop-minimal_*.deb | head -n 1)
fi

# ---- the display -------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/onetrip-bench-desktop.XXXXXX")
xvfb_pid=""
app_pid=""
stop_pid() {
  local pid=$1 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  stop_pid "$app_pid"
  stop_pid "$xvfb_pid"
  if [[ ${BENCH_KEEP:-} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

Xvfb -displayfd 5 -screen 0 1600x1000x24 -nolisten tcp 5>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $work/display ]] && break
  sleep 0.1
done
[[ -s $work/display ]] || die "Xvfb did not start: $(tail -n 5 "$work/xvfb.log")"
display=":$(head -n 1 "$work/display")"
say "Xvfb on $display"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Sum of RSS and PSS (kB) over a process and all its descendants: "rss pss nprocs names".
tree_memory() {
  python3 - "$1" <<'EOF'
import os, sys
root = int(sys.argv[1])
children = {}
for d in os.listdir('/proc'):
    if not d.isdigit():
        continue
    try:
        with open(f'/proc/{d}/stat') as f:
            s = f.read()
        ppid = int(s[s.rindex(')') + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d))
    except (OSError, ValueError):
        pass
todo, procs = [root], []
while todo:
    p = todo.pop()
    procs.append(p)
    todo.extend(children.get(p, []))
rss = pss = 0
names = []
for p in procs:
    try:
        with open(f'/proc/{p}/smaps_rollup') as f:
            fields = {l.split(':')[0]: int(l.split()[1]) for l in f if l.split()[-1] == 'kB'}
        with open(f'/proc/{p}/comm') as f:
            names.append(f.read().strip())
    except (OSError, ValueError):
        continue
    rss += fields.get('Rss', 0)
    pss += fields.get('Pss', 0)
from collections import Counter
print(rss, pss, len(names), ', '.join(f'{n}×{c}' if c > 1 else n for n, c in sorted(Counter(names).items())))
EOF
}

# start <name> <profile dir> <binary> [args…]: launch on the display with a profile of its own.
start() {
  local name=$1 profile=$2
  shift 2
  mkdir -p "$profile/home/.config" "$profile/home/.local/share" "$profile/home/.cache" "$profile/run"
  chmod 700 "$profile/run"
  log=$work/$name.log
  : >"$log"
  env -u WAYLAND_DISPLAY -u ONETRIP_DESKTOP_CONFIG -u ONETRIP_DEVICE_TOKEN -u ONETRIP_ADMIN_PASSWORD \
    DISPLAY="$display" \
    HOME="$profile/home" \
    XDG_CONFIG_HOME="$profile/home/.config" \
    XDG_DATA_HOME="$profile/home/.local/share" \
    XDG_CACHE_HOME="$profile/home/.cache" \
    XDG_RUNTIME_DIR="$profile/run" \
    RUST_LOG="info,tower_http=debug" \
    "$@" >"$work/$name.out" 2>"$log" &
  app_pid=$!
}

# wait_for <timeout s> <regex>…: until every regex matches the current log.
wait_for() {
  local timeout=$1 deadline re ok
  shift
  deadline=$(($(now_ms) + timeout * 1000))
  while :; do
    kill -0 "$app_pid" 2>/dev/null || die "the app exited; its log: $(tail -n 20 "$log")"
    ok=1
    for re in "$@"; do
      grep -Eq "$re" "$log" || { ok=0; break; }
    done
    ((ok)) && return 0
    (($(now_ms) < deadline)) || die "not seen within $timeout s: $* — log: $(tail -n 20 "$log")"
    sleep 0.02
  done
}

loaded() { echo "page loaded.*window=$1|window=$1.*page loaded"; }

# phases <log> <spawn ms>: where the start-up went, from the log's timestamps — ms from the spawn
# to the shell's first line, then between: hall server listening, kiosk window opening, kiosk
# page loaded, the kiosk's GET /api/v1/categories answered.
phases() {
  python3 - "$1" "$2" <<'PY'
import re, sys
from datetime import datetime
log, t0 = sys.argv[1], int(sys.argv[2])
marks = [r'desktop shell starting', r'hall server listening url', r'opening window window=kiosk',
         r'page loaded window=kiosk', r'path=/api/v1/categories.*finished processing']
found = [None] * len(marks)
ansi = re.compile(r'\x1b\[[0-9;]*m')
for line in open(log, encoding='utf-8', errors='replace'):
    line = ansi.sub('', line)
    for i, m in enumerate(marks):
        if found[i] is None and re.search(m, line):
            ts = datetime.strptime(line[:26], '%Y-%m-%dT%H:%M:%S.%f')
            found[i] = (ts - datetime(1970, 1, 1)).total_seconds() * 1000
if None in found:
    print('? ? ? ? ?')
else:
    points = [t0] + found
    print(' '.join(str(round(points[i + 1] - points[i])) for i in range(len(marks))))
PY
}

# ---- onetrip-desktop ---------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
startup_ms=()
phase_rows=()
app_rss=()
app_pss=()
app_procs=""
for ((r = 1; r <= runs; r++)); do
  t0=$(now_ms)
  start "app-$r" "$work/app-profile" "$app_bin"
  wait_for 60 "$(loaded kiosk)" 'GET.*/api/v1/categories'
  t=$(($(now_ms) - t0))
  startup_ms+=("$t")
  phase_rows+=("$(phases "$log" "$t0")")
  wait_for 60 "$(loaded counter)" "$(loaded display)"
  sleep "$idle"
  read -r rss pss n names < <(tree_memory "$app_pid")
  app_rss+=("$rss")
  app_pss+=("$pss")
  app_procs="$n processes: $names"
  say "onetrip-desktop run $r: kiosk usable after $t ms; idle RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB ($app_procs)"
  stop_pid "$app_pid"
  app_pid=""
done

# ---- the minimal app ---------------------------------------------------------------------
min_rss=()
min_pss=()
min_ms=()
min_procs=""
for ((r = 1; r <= min_runs; r++)); do
  t0=$(now_ms)
  start "minimal-$r" "$work/minimal-profile" "$min_bin"
  wait_for 60 "$(loaded one)" "$(loaded two)" "$(loaded three)"
  min_ms+=("$(($(now_ms) - t0))")
  sleep "$idle"
  read -r rss pss n names < <(tree_memory "$app_pid")
  min_rss+=("$rss")
  min_pss+=("$pss")
  min_procs="$n processes: $names"
  say "minimal run $r: three windows loaded after ${min_ms[-1]} ms; idle RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB ($min_procs)"
  stop_pid "$app_pid"
  app_pid=""
done

# ---- the section -------------------------------------------------------------------------
phase_medians() {
  local c rows=("${phase_rows[@]:1}")
  ((${#rows[@]})) || rows=("${phase_rows[@]}")
  for c in 1 2 3 4 5; do
    median $(printf '%s\n' "${rows[@]}" | awk -v c=$c '$c != "?" {print $c}')
    ((c < 5)) && printf ' | '
  done | tr -d '\n'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
bytes_mib() { awk -v b="$1" 'BEGIN {printf "%.2f", b / 1048576}'; }

deb_bytes=$(stat -c %s "$deb")
min_deb_bytes=$(stat -c %s "$min_deb")
deb_inst=$(dpkg-deb -f "$deb" Installed-Size)
min_deb_inst=$(dpkg-deb -f "$min_deb" Installed-Size)
restarts=("${startup_ms[@]:1}")
((${#restarts[@]})) || restarts=("${startup_ms[@]}")
startup_med=$(median "${restarts[@]}")
rss_med=$(median "${app_rss[@]}")
pss_med=$(median "${app_pss[@]}")
min_rss_med=$(median "${min_rss[@]}")
min_pss_med=$(median "${min_pss[@]}")
rss_ratio=$(awk -v a="$rss_med" -v b="$min_rss_med" 'BEGIN {printf "%.2f", a / b}')
pss_ratio=$(awk -v a="$pss_med" -v b="$min_pss_med" 'BEGIN {printf "%.2f", a / b}')
met() { awk -v c="$1" 'BEGIN {print (c ? "yes" : "**no**")}'; }
deb_met=$(met "$((deb_bytes <= 15000000))")
rss_met=$(met "$(awk -v r="$rss_ratio" 'BEGIN {print (r <= 1.3)}')")
pss_met=$(met "$(awk -v r="$pss_ratio" 'BEGIN {print (r <= 1.3)}')")
start_met=$(met "$(awk -v t="$startup_med" 'BEGIN {print (t <= 2000)}')")
webkit=$(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)
tauri_version=$(awk '/^name = "tauri"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$root/Cargo.lock")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem_total=$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)

section=$(
  cat <<EOF
$heading

The desktop shell packaged by \`scripts/package.sh\` (\`tauri build --bundles deb\`, release profile: thin LTO, 4 codegen units) beside a minimal Tauri app (\`benches/desktop-minimal\`: the same tauri $tauri_version and release profile, three windows showing an empty page), both run on one Xvfb display (1600×1000) in the same run, each on a profile of its own. onetrip-desktop runs standalone — its hall server (SQLite, demo catalog) inside the shell process — with the kiosk, counter and display windows. Memory: $idle s after all three windows loaded, RSS and PSS (\`/proc/<pid>/smaps_rollup\`) summed over the shell and all its descendants; PSS counts each shared page once across those processes, RSS counts it in each. Start-up: from the spawn until the shell has logged \`page loaded\` for the kiosk window *and* the server has answered the kiosk's \`GET /api/v1/categories\` (its first screen is built from it); run 1 is a first start on a fresh profile (creates the database and its schema, loads the demo catalog, creates the admin), runs 2–$runs restart on that profile, as a kiosk PC does each morning. Start-up times follow the machine's load closely (see the load average below: a CI run may share the 2 CPUs), the memory figures hardly. MiB = 1024² bytes.

Rerun: \`make bench-desktop\` (= \`bash scripts/bench-desktop.sh\`; builds the packages when missing; \`BENCH_RUNS=$runs\`, \`BENCH_MIN_RUNS=$min_runs\`, \`BENCH_IDLE=$idle\`, \`BENCH_NO_DOC=1\` to leave this file alone).

Run: $(date -u '+%Y-%m-%d %H:%M') UTC, commit $commit; $(nproc) CPUs ($cpu), $mem_total GiB RAM; Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), WebKitGTK (libwebkit2gtk-4.1-0) $webkit; software rendering (Xvfb); load average before the run $load_before.

| package | .deb size | installed size |
|---------|----------:|---------------:|
| \`$(basename "$deb")\` | $(bytes_mib "$deb_bytes") MiB | $(awk -v k="$deb_inst" 'BEGIN {printf "%.1f", k / 1024}') MiB |
| \`$(basename "$min_deb")\` (minimal) | $(bytes_mib "$min_deb_bytes") MiB | $(awk -v k="$min_deb_inst" 'BEGIN {printf "%.1f", k / 1024}') MiB |

| app at idle, 3 windows | runs | RSS MiB (median) | PSS MiB (median) | processes |
|------------------------|-----:|-----------------:|-----------------:|-----------|
| onetrip-desktop (kiosk, counter, display + hall server) | $runs | $(mib "$rss_med") | $(mib "$pss_med") | $app_procs |
| minimal Tauri app (3 empty windows) | $min_runs | $(mib "$min_rss_med") | $(mib "$min_pss_med") | $min_procs |
| ratio | | $rss_ratio× | $pss_ratio× | |

Per run, RSS / PSS MiB — onetrip-desktop: $(for i in "${!app_rss[@]}"; do printf '%s%s / %s' "$([[ $i == 0 ]] || echo '; ')" "$(mib "${app_rss[$i]}")" "$(mib "${app_pss[$i]}")"; done); minimal: $(for i in "${!min_rss[@]}"; do printf '%s%s / %s' "$([[ $i == 0 ]] || echo '; ')" "$(mib "${min_rss[$i]}")" "$(mib "${min_pss[$i]}")"; done).

| launch → usable kiosk | ms |
|-----------------------|---:|
| run 1, first start on a fresh profile | ${startup_ms[0]} |
| runs 2–$runs, restarts (median) | $startup_med |
| every run | $(IFS=,; echo "${startup_ms[*]}" | sed 's/,/, /g') |
| minimal app: launch → all three empty pages loaded (median) | $(median "${min_ms[@]}") |

Where the restarts' start-up goes (median ms over runs 2–$runs, from the log's timestamps; the first step includes loading the binary and its libraries and starting GTK):

| spawn → shell's first log line | → hall server listening | → kiosk window opening | → kiosk page loaded (WebKit) | → kiosk's categories answered |
|---:|---:|---:|---:|---:|
| $(phase_medians) |

| aim | measured | met |
|-----|---------:|:---:|
| .deb ≤ 15 MB (15 000 000 bytes) | $(awk -v b="$deb_bytes" 'BEGIN {printf "%.2f", b / 1e6}') MB ($(bytes_mib "$deb_bytes") MiB) | $deb_met |
| memory ≤ 1.3× the minimal app's (RSS) | $rss_ratio× | $rss_met |
| memory ≤ 1.3× the minimal app's (PSS) | $pss_ratio× | $pss_met |
| ≤ 2 s to a usable kiosk (restart, median) | $startup_med ms | $start_met |
EOF
)

echo "$section"
if [[ ${BENCH_NO_DOC:-} != 1 ]]; then
  SECTION=$section HEADING=$heading python3 - "$doc" <<'EOF'
import os, sys
path = sys.argv[1]
section, heading = os.environ['SECTION'].rstrip('\n') + '\n', os.environ['HEADING']
lines = open(path, encoding='utf-8').read().splitlines(keepends=True)
start = next((i for i, l in enumerate(lines) if l.rstrip('\n') == heading), None)
if start is None:
    text = ''.join(lines).rstrip('\n') + '\n\n' + section
else:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith('## ')), len(lines))
    rest = lines[end:]
    text = ''.join(lines[:start]) + section + ('\n' + ''.join(rest) if rest else '')
open(path, 'w', encoding='utf-8').write(text)
EOF
  say "wrote the section \"${heading#\#\# }\" of ${doc#"$root"/}"
fi
