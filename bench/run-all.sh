#!/usr/bin/env bash
# Runs every benchmark in bench/src one after another (each prints its own baseline and ratios),
# then one summary table of the figures they recorded in bench/results.json.
# Usage: npm run bench [-- name-filter]
set -euo pipefail
cd "$(dirname "$0")"
# A full run starts a fresh results.json; a filtered one replaces only its benches' entries.
[ -z "${1:-}" ] && rm -f results.json
for file in src/*.ts; do
  name=$(basename "$file" .ts)
  [ "$name" = "messageml-measure" ] && continue   # shared measuring code, not a benchmark
  [ -n "${1:-}" ] && [[ "$name" != *"$1"* ]] && continue
  echo "=== $name"
  npx tsx "$file"
  echo
done
npx tsx src/support/print-summary.ts
