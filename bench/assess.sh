#!/usr/bin/env bash
# Benchmark: cold wall time of one `./kensa assess` (jar built) and warm time per facility.
# Usage: bench/assess.sh [N]   (N facility files for the warm figure; default 2000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/kensa" --version >/dev/null   # builds the jar if needed

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

one="$root/checklists/examples/small-clinic.xml"
best=
for _ in 1 2 3 4 5; do
  t0=$(now); "$root/kensa" assess "$one" -o "$work/one" >/dev/null || true; t1=$(now)
  t=$(elapsed "$t0" "$t1"); if [ -z "$best" ] || (( $(echo "$t < $best" | bc) )); then best=$t; fi
done
echo "cold single assessment (jar built, best of 5): ${best} s"

mkdir -p "$work/in"
examples=("$root"/checklists/examples/*.xml)
for ((i = 0; i < n; i++)); do cp "${examples[i % ${#examples[@]}]}" "$work/in/f$i.xml"; done
for format in json html,md,json,form.html,form.csv; do
  t0=$(now); "$root/kensa" assess "$work"/in/*.xml -o "$work/out" --format "$format" >/dev/null || true; t1=$(now)
  total=$(elapsed "$t0" "$t1")
  per=$(echo "scale=3; ($total - $best) * 1000 / $n" | bc)
  echo "$n facilities, --format $format: ${total} s total, ~${per} ms per facility after start-up"
done
