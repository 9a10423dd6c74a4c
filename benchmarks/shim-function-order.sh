#!/usr/bin/env bash
# Writes Sources/glassbox-shim/function-order.txt: the functions a shim runs in a container's
# whole life, for the linker to lay out together (Package.swift passes the file to gold's
# --section-ordering-file when glassbox-shim is linked for release).
#
#   sudo benchmarks/shim-function-order.sh
#
# Why: the kernel maps the 64 KiB around every code page a fault touches, so the resident size
# of a program's code depends on how far apart the functions it runs lie. A shim runs about
# 1,400 functions (about 440 KiB of code), scattered through a 7 MiB text among the standard
# library's and the runtime's; laid out together they fault in a fraction of the pages.
#
# How: a release build's programs run a glassbox-dockerd on a directory of their own; the shim
# is replaced by a wrapper that runs the real one under valgrind's callgrind, which lists every
# function executed. One container lives its whole life (run -d, a few seconds, rm -f): the
# shim's `start`, its serving process, Task/Create, Start, Wait, Delete and Shutdown; then a
# second one with the daemon tracing. Needs
# root, valgrind (apt-get install valgrind) and a release build (swift build -c release).
# Leaves nothing behind. Rerun it when the shim's code changes much: a function missing from
# the list is only laid out elsewhere, never wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${GLASSBOX_BIN:-$PWD/.build/release}
command -v valgrind >/dev/null || { echo "missing valgrind: apt-get install valgrind" >&2; exit 2; }
[ -x "$BIN/glassbox-shim" ] || { echo "missing $BIN/glassbox-shim: swift build -c release" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root: real containers need it" >&2; exit 2; }

WORK=$(mktemp -d /tmp/gborder.XXXXXX)
cleanup() {
  [ -n "${DAEMON:-}" ] && kill "$DAEMON" 2>/dev/null || true
  sleep 1
  umount "$WORK"/data/overlay2/*/merged 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/bin" "$WORK/out"
for program in glassbox glassbox-dockerd glassbox-containerd glassbox-registry glassbox-runc; do
  cp "$BIN/$program" "$WORK/bin/"
done
# valgrind cannot read the DWARF of Swift executables; the symbol table is all it needs.
strip --strip-debug -o "$WORK/bin/glassbox-shim.real" "$BIN/glassbox-shim"
cat > "$WORK/bin/glassbox-shim" <<EOF
#!/bin/sh
exec valgrind --tool=callgrind --demangle=no --log-file=$WORK/out/valgrind.%p.log \
  --callgrind-out-file=$WORK/out/callgrind.%p.out $WORK/bin/glassbox-shim.real "\$@"
EOF
chmod +x "$WORK/bin/glassbox-shim"

# Two lives: the daemon untraced, then traced (GLASSBOX_TRACE reaches the shim, which then
# writes its events too), so that the list holds what either runs.
for trace in "" "$WORK/trace.jsonl"; do
  GLASSBOX_TRACE=$trace "$WORK/bin/glassbox-dockerd" -H "unix://$WORK/gb.sock" --data-root "$WORK/data" \
    --exec-root "$WORK/exec" --registry-listen 127.0.0.1:0 >>"$WORK/dockerd.log" 2>&1 &
  DAEMON=$!
  for _ in $(seq 1 50); do [ -S "$WORK/gb.sock" ] && break; sleep 0.2; done
  export GLASSBOX_HOST="unix://$WORK/gb.sock"
  "$WORK/bin/glassbox" --kernel linux run -d --name order busybox sleep 3 >>"$WORK/client.log" 2>&1
  sleep 6
  "$WORK/bin/glassbox" --kernel linux rm -f order >>"$WORK/client.log" 2>&1
  sleep 4
  kill "$DAEMON"; wait "$DAEMON" 2>/dev/null || true
  DAEMON=
  rm -f "$WORK/gb.sock"
done

# Every function callgrind saw (`fn=(id) name`, or `cfn=` for a callee), as the sections the
# compilers put them in: `.text.NAME`, and `.text.unlikely.NAME` for the cold part GCC and
# clang split off (`NAME.cold.1`). Callgrind marks a second context of a function with 'N.
python3 - "$WORK/out" > Sources/glassbox-shim/function-order.txt <<'PY'
import os, re, sys
names = []
seen = set()
for file in sorted(os.listdir(sys.argv[1])):
    if not file.startswith("callgrind."):
        continue
    for line in open(os.path.join(sys.argv[1], file), errors="replace"):
        match = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
        if not match:
            continue
        name = match.group(1).split("'")[0]
        if name.startswith("0x"):  # code without a symbol: nothing to name
            continue
        if name.endswith(".cold.1"):
            name = name[: -len(".cold.1")]
        if name not in seen:
            seen.add(name)
            names.append(name)
for name in names:
    print(".text." + name)
    print(".text.unlikely." + name)
PY
echo "$(($(wc -l < Sources/glassbox-shim/function-order.txt) / 2)) functions written to Sources/glassbox-shim/function-order.txt"
# SwiftPM does not know the linker reads this file: remove the linked shim so that the next
# `swift build -c release` links it again with the new order.
rm -f .build/*/release/glassbox-shim
echo "run swift build -c release to link glassbox-shim with it"
