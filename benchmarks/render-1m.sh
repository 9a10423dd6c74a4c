#!/usr/bin/env bash
# Renders a trace of about 1,000,000 events (the golden hello-world trace, repeated) to the
# terminal diagram, and prints the wall time and the peak resident memory, for two sizes to
# show that memory stays flat as the trace grows. Needs a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
GLASSBOX=${GLASSBOX:-.build/release/glassbox}
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
events=$(wc -l < traces/hello-world.seed7.jsonl)
for target in 100000 1000000; do
  copies=$(( (target + events - 1) / events ))
  for _ in $(seq 1 "$copies"); do cat traces/hello-world.seed7.jsonl; done > "$WORK/trace.jsonl"
  lines=$(wc -l < "$WORK/trace.jsonl")
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$GLASSBOX" trace --width 120 "$WORK/trace.jsonl" > /dev/null
  read -r seconds kilobytes < "$WORK/time"
  printf '%9d events: %6.2f s, %6.1f MB peak resident\n' "$lines" "$seconds" "$(awk -v k="$kilobytes" 'BEGIN { print k / 1024 }')"
done
