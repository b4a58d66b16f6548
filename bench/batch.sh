#!/usr/bin/env bash
# Batch benchmark (issues 10 and 22), one table: for each N (default 10000 and 100000) generated facility files, the
# facilities per second of assess --format jsonl, of a JSON file per facility and of all reports, each run's peak RSS,
# a parse-and-validate-only pass and the ratio jsonl / validate, the bytes per facility of results.jsonl, and the cold
# wall time of one `./kensa assess` (median of 7). Usage: bench/batch.sh [N...]   Needs GNU time (/usr/bin/time) for RSS.
# The machine's speed drifts: compare two builds by running this on each in turn, more than once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/kensa" --version >/dev/null   # builds the jar (and the class-data archive) if needed

# run CMD...: sets $secs (wall) and $rss (peak resident set, MiB) of one command
run() {
  local t0 t1
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>"$work/err" || true
    rss=$(( $(tail -n 1 "$work/rss") / 1024 ))
  else
    "$@" >/dev/null 2>"$work/err" || true; rss="n/a"
  fi
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc)
}
row() { printf '%-32s %8s %10s %10.0f %12s\n' "$1" "$2" "$3" "$4" "$5"; }

times=()
for _ in 1 2 3 4 5 6 7; do
  run "$root/kensa" assess "$root/checklists/examples/small-clinic.xml" -o "$work/one"; times+=("$secs"); rm -rf "$work/one"
done
cold=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p)

printf '%-32s %8s %10s %10s %12s\n' "measure (nproc $(nproc))" N "seconds" "per s" "peak RSS MiB"
row "cold ./kensa assess (median of 7)" 1 "$cold" "$(echo "1 / $cold" | bc -l)" "$rss"
for n in "${sizes[@]}"; do
  in="$work/in-$n"
  "$root/kensa" generate --count "$n" --seed 1 -o "$in" >/dev/null
  run "$root/kensa" validate --quiet "$in"; validate=$secs
  row "validate only (parse + XSD)" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$rss"
  run "$root/kensa" assess "$in" -o "$work/out" --format jsonl --quiet; jsonl=$secs
  row "assess --format jsonl" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$rss"
  bytes=$(( $(stat -c %s "$work/out/results.jsonl") / n ))
  catalog=$(stat -c %s "$work/out/catalog.json" 2>/dev/null || echo 0)
  rm -rf "$work/out"
  run "$root/kensa" assess "$in" -o "$work/out" --format json --quiet
  row "assess --format json (file each)" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$rss"
  rm -rf "$work/out"
  run "$root/kensa" assess "$in" -o "$work/out" --format html,md,json,form.html,form.csv --quiet
  row "assess, all reports" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$rss"
  rm -rf "$work/out" "$in"
  printf '  N=%s: ratio jsonl / validate %.2f; results.jsonl %s bytes per facility; catalog.json %s bytes\n' \
    "$n" "$(echo "$jsonl / $validate" | bc -l)" "$bytes" "$catalog"
done
