#!/usr/bin/env bash
# Batch benchmark (issue 10): for each N (default 10000 and 100000) generated facility files, facilities per second for
# --format jsonl, for a JSON file per facility and for all reports, peak RSS of each run, the throughput of a
# parse-and-validate-only pass and its ratio to jsonl, and the cold single-assessment wall time.
# Usage: bench/batch.sh [N...]      Needs GNU time (/usr/bin/time, Debian package "time") for peak RSS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/kensa" --version >/dev/null   # builds the jar (and the class-data archive) if needed

# run LABEL N CMD...: wall seconds and peak RSS of one command
run() {
  local label="$1" n="$2"; shift 2
  local t0 t1 rss
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>"$work/err" || true
    rss="$(tail -n 1 "$work/rss") KiB"
  else
    "$@" >/dev/null 2>"$work/err" || true; rss="n/a"
  fi
  t1=$(date +%s.%N)
  local s; s=$(echo "$t1 - $t0" | bc)
  printf '%-34s N=%-7s %8.1f s  %8.0f facilities/s  peak RSS %s\n' "$label" "$n" "$s" "$(echo "$n / $s" | bc -l)" "$rss"
  echo "$s" > "$work/last"
}

best=
for _ in 1 2 3 4 5; do
  t0=$(date +%s.%N); "$root/kensa" assess "$root/checklists/examples/small-clinic.xml" -o "$work/one" >/dev/null || true; t1=$(date +%s.%N)
  t=$(echo "$t1 - $t0" | bc); if [ -z "$best" ] || (( $(echo "$t < $best" | bc) )); then best=$t; fi
done
echo "cold single assessment (jar built, best of 5): ${best} s"

for n in "${sizes[@]}"; do
  in="$work/in-$n"
  run "generate" "$n" "$root/kensa" generate --count "$n" --seed 1 -o "$in"
  run "validate only (parse + XSD)" "$n" "$root/kensa" validate --quiet "$in"; validate=$(cat "$work/last")
  run "assess --format jsonl" "$n" "$root/kensa" assess "$in" -o "$work/out-jsonl-$n" --format jsonl --quiet; jsonl=$(cat "$work/last")
  printf '  ratio assess+jsonl / validate only: %.2f\n' "$(echo "$jsonl / $validate" | bc -l)"
  rm -rf "$work/out-jsonl-$n"
  run "assess --format json (file each)" "$n" "$root/kensa" assess "$in" -o "$work/out-json-$n" --format json --quiet
  rm -rf "$work/out-json-$n"
  run "assess, all reports" "$n" "$root/kensa" assess "$in" -o "$work/out-all-$n" --format html,md,json,form.html,form.csv --quiet
  rm -rf "$work/out-all-$n" "$in"
done
