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

# run CMD...: sets $secs (wall), $cpu (user + system seconds) and $rss (peak resident set, MiB) of one command. On a
# shared machine the wall time swings with the others' load; the CPU time much less.
run() {
  local t0 t1
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M %U %S" -o "$work/rss" "$@" >/dev/null 2>"$work/err" || true
    read -r rss user sys < <(tail -n 1 "$work/rss")
    rss=$(( rss / 1024 )); cpu=$(echo "$user + $sys" | bc)
  else
    "$@" >/dev/null 2>"$work/err" || true; rss="n/a"; cpu="n/a"
  fi
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc)
}
row() { printf '%-34s %7s %8.2f %8.0f %8s %8.0f %8s\n' "$1" "$2" "$3" "$(echo "$2 / $3" | bc -l)" "$cpu" "$(echo "$2 / $cpu" | bc -l)" "$rss"; }

times=() cpus=()
for _ in 1 2 3 4 5 6 7; do
  run "$root/kensa" assess "$root/checklists/examples/small-clinic.xml" -o "$work/one"; times+=("$secs"); cpus+=("$cpu"); rm -rf "$work/one"
done
cold=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p)
cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 4p)

printf '%-34s %7s %8s %8s %8s %8s %8s\n' "measure (nproc $(nproc))" N "wall s" "per s" "CPU s" "per CPU s" "RSS MiB"
row "cold ./kensa assess (median of 7)" 1 "$cold"
for n in "${sizes[@]}"; do
  in="$work/in-$n"
  "$root/kensa" generate --count "$n" --seed 1 -o "$in" >/dev/null
  run "$root/kensa" validate --quiet "$in"; validate=$secs; validate_cpu=$cpu
  row "validate only (parse + XSD)" "$n" "$secs"
  run "$root/kensa" assess "$in" -o "$work/out" --format jsonl --quiet; jsonl=$secs; jsonl_cpu=$cpu
  row "assess --format jsonl" "$n" "$secs"
  bytes=$(( $(stat -c %s "$work/out/results.jsonl") / n ))
  catalog=$(stat -c %s "$work/out/catalog.json" 2>/dev/null || echo 0)
  rm -rf "$work/out"
  run "$root/kensa" assess "$in" -o "$work/out" --format json --quiet
  row "assess --format json (file each)" "$n" "$secs"
  rm -rf "$work/out"
  run "$root/kensa" assess "$in" -o "$work/out" --format html,md,json,form.html,form.csv --quiet
  row "assess, all reports" "$n" "$secs"
  rm -rf "$work/out" "$in"
  printf '  N=%s: ratio jsonl / validate %.2f (CPU %.2f); results.jsonl %s bytes per facility; catalog.json %s bytes\n' \
    "$n" "$(echo "$jsonl / $validate" | bc -l)" "$(echo "$jsonl_cpu / $validate_cpu" | bc -l)" "$bytes" "$catalog"
done
