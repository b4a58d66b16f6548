#!/usr/bin/env bash
# Per-stage CPU time of one facility on one thread (parse+validate, rules+forms, record), cold and then warm: bench/Stages.java over
# N generated files, R rounds. Usage: bench/stages.sh [N] [R]   (defaults 2000 and 6)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-2000}" rounds="${2:-6}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/kensa" --version >/dev/null   # builds the jar if needed
"$root/kensa" generate --count "$n" --seed 1 -o "$work/in" >/dev/null
cp="$root/target/kensa.jar:$(printf '%s:' "$root"/target/lib/*.jar)"
javac -cp "$cp" -d "$work/classes" "$root/bench/Stages.java"
java -cp "$work/classes:$cp" Stages "$root" "$work/in" "$rounds" 2> >(grep -v SLF4J >&2)
