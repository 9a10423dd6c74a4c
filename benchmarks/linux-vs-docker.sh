#!/usr/bin/env bash
# Side by side on this machine, in one run: Glassbox on the Linux kernel against Docker 20.10
# (Debian's docker.io, on its own socket and data root) and Debian's runc.
#
#   sudo benchmarks/linux-vs-docker.sh [RUNS]
#
# Prints, for each figure, the median and the spread (min–max) of RUNS runs (default 21), and
# the ratio of the medians; INTERLEAVE=1 runs the two sides in turn (see measure_pair). Needs
# root, Debian's docker.io, runc and busybox-static, and a release build (swift build -c
# release). Leaves nothing behind: both daemons are stopped and their directories removed.
set -euo pipefail
RUNS=${1:-21}
cd "$(dirname "$0")/.."
BIN=${GLASSBOX_BIN:-$PWD/.build/release}
for tool in dockerd docker runc; do
  command -v $tool >/dev/null || { echo "missing $tool: apt-get install docker.io runc" >&2; exit 2; }
done
[ -x /bin/busybox ] || { echo "missing /bin/busybox: apt-get install busybox-static" >&2; exit 2; }
[ -x "$BIN/glassbox-dockerd" ] || { echo "missing $BIN/glassbox-dockerd: swift build -c release" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: real containers need it" >&2; exit 2; }

WORK=$(mktemp -d /tmp/gbbench.XXXXXX)
DK=$WORK/docker; GB=$WORK/glassbox
cleanup() {
  [ -f "$DK/pid" ] && kill "$(cat "$DK/pid")" 2>/dev/null || true
  [ -n "${GBPID:-}" ] && kill "$GBPID" 2>/dev/null || true
  pkill -f "glassbox-containerd --address $GB/exec" 2>/dev/null || true
  pkill -f "glassbox-registry --listen 127.0.0.1:0 --root $GB" 2>/dev/null || true
  sleep 1
  umount -R "$DK/data" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$DK" "$GB"

# Timing: microseconds of one command; "median min max" in milliseconds of RUNS samples.
# The clock is bash's $EPOCHREALTIME, read without starting a process (a `date` before and
# after would add its own start-up, 1–2 ms, to every sample). A command that fails is not
# timed: the script stops and says which (a failing run is fast).
micros() { local t=${1/[.,]/}; echo $((10#$t)); }
check() {
  if ! "$@" >"$WORK/check.out" 2>&1; then
    echo "not measured, it fails: $*" >&2; cat "$WORK/check.out" >&2; exit 1
  fi
}
sample() { # command: prints its duration in microseconds
  local start end
  start=$EPOCHREALTIME; "$@" >/dev/null 2>&1; end=$EPOCHREALTIME
  echo $(( $(micros "$end") - $(micros "$start") ))
}
summary() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f %.1f %.1f\n", a[int((NR + 1) / 2)] / 1000, a[1] / 1000, a[NR] / 1000 }'; }
# Both sides of a row; sets G and R to each one's "median min max". By default each side's
# runs follow one another (Glassbox's, then the reference's), as the figures in BENCHMARKS.md
# were taken: each side is timed hot, its runs back to back. With INTERLEAVE=1 the two sides run
# in turn, one run of each, after SETTLE seconds (default 0.3) of rest before every run, so
# that the machine's drift falls on both alike and neither is timed while the other's
# leftovers (a daemon's removals, a CLI's exit) run; on this VM both sides then run slower
# (idle virtual CPUs are slow to wake).
INTERLEAVE=${INTERLEAVE:-0}
SETTLE=${SETTLE:-0.3}
measure_pair() { # glassbox-command reference-command (each one word: a function or program)
  check "$1"; check "$2"
  local ours=() theirs=()
  if [ "$INTERLEAVE" = 1 ]; then
    for _ in $(seq 1 "$RUNS"); do
      sleep "$SETTLE"; ours+=("$(sample "$1")")
      sleep "$SETTLE"; theirs+=("$(sample "$2")")
    done
  else
    for _ in $(seq 1 "$RUNS"); do ours+=("$(sample "$1")"); done
    for _ in $(seq 1 "$RUNS"); do theirs+=("$(sample "$2")"); done
  fi
  G=$(summary "${ours[@]}"); R=$(summary "${theirs[@]}")
}
row() { # label, glassbox "median min max", reference "median min max", reference name
  read -r gm gmin gmax <<<"$2"; read -r rm rmin rmax <<<"$3"
  printf '%-44s %9s ms (%s–%s)   %-7s %9s ms (%s–%s)   ratio %s\n' "$1" "$gm" "$gmin" "$gmax" "$4" "$rm" "$rmin" "$rmax" \
    "$(awk -v g="$gm" -v r="$rm" 'BEGIN { printf "1/%.1f", r / g }')"
}

echo "== starting Docker $(dockerd --version | cut -d' ' -f3 | tr -d ,) and glassbox-dockerd"
dockerd -H "unix://$DK/docker.sock" --data-root "$DK/data" --exec-root "$DK/exec" --pidfile "$DK/pid" \
  --bridge=none --iptables=false --ip-masq=false >"$DK/log" 2>&1 &
GLASSBOX_TRACE="$GB/trace.jsonl" "$BIN/glassbox-dockerd" -H "unix://$GB/gb.sock" --data-root "$GB/data" --exec-root "$GB/exec" \
  --registry-listen 127.0.0.1:0 >"$GB/log" 2>&1 &
GBPID=$!
for _ in $(seq 1 100); do [ -S "$DK/docker.sock" ] && [ -S "$GB/gb.sock" ] && break; sleep 0.2; done
export DOCKER_HOST="unix://$DK/docker.sock" GLASSBOX_HOST="unix://$GB/gb.sock"

# The same busybox on both: Docker imports the rootfs Glassbox's registry builds from /bin/busybox.
mkdir -p "$WORK/rootfs/bin"; cp /bin/busybox "$WORK/rootfs/bin/"
for applet in sh echo true sleep; do ln -sf busybox "$WORK/rootfs/bin/$applet"; done
tar -C "$WORK/rootfs" -c . | docker import - busybox:latest >/dev/null
"$BIN/glassbox" --kernel linux pull busybox >/dev/null 2>&1 || "$BIN/glassbox" --kernel linux run --rm busybox true >/dev/null 2>&1
docker run --rm --network none busybox true >/dev/null

echo "== $RUNS runs each$([ "$INTERLEAVE" = 1 ] && echo ", the two sides in turn, ${SETTLE}s of rest before each")"
glassbox_run() { "$BIN/glassbox" --kernel linux --trace "$GB/trace.jsonl" run --rm busybox echo hi; }
docker_run() { docker run --rm --network none busybox echo hi; }
measure_pair glassbox_run docker_run
row "run --rm busybox echo hi (tracing on)" "$G" "$R" "docker"

# One OCI bundle, /bin/true, run by each runtime.
B=$WORK/bundle; mkdir -p "$B"; cp -a "$WORK/rootfs" "$B/rootfs"
(cd "$B" && runc spec && sed -i 's/"sh"/"\/bin\/true"/; s/"terminal": true/"terminal": false/' config.json)
python3 - "$B/config.json" <<'PY'
import json, sys
path = sys.argv[1]; spec = json.load(open(path)); spec["linux"].pop("seccomp", None); json.dump(spec, open(path, "w"))
PY
# Each run a new container id (a sample runs in a subshell, so no counter would last).
runc_run() { runc --root "$WORK/runc" run -b "$B" "r${EPOCHREALTIME/[.,]/}"; }
gb_run() { "$BIN/glassbox-runc" --root "$WORK/gbrunc" run --bundle "$B" "g${EPOCHREALTIME/[.,]/}"; }
measure_pair gb_run runc_run
row "OCI runtime run of one bundle (/bin/true)" "$G" "$R" "runc"

# Resident memory with one container running.
docker run -d --network none --name bench busybox sleep 60 >/dev/null
"$BIN/glassbox" --kernel linux run -d --name bench busybox sleep 60 >/dev/null 2>&1
sleep 1
rss() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
pidof_cmd() { pgrep -f "$1" | head -n 1; }
echo "== resident memory with one container running (MB)"
printf '%-12s glassbox %6s   docker %6s\n' dockerd "$(rss "$GBPID")" "$(rss "$(cat "$DK/pid")")"
printf '%-12s glassbox %6s   docker %6s\n' containerd "$(rss "$(pidof_cmd 'glassbox-containerd --address')")" "$(rss "$(pidof_cmd "containerd --config $DK/exec")")"
printf '%-12s glassbox %6s   docker %6s\n' shim "$(rss "$(pidof_cmd 'glassbox-shim -namespace moby')")" "$(rss "$(pidof_cmd 'containerd-shim-runc-v2 -namespace moby')")"
docker rm -f bench >/dev/null
"$BIN/glassbox" --kernel linux rm -f bench >/dev/null 2>&1
