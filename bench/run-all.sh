#!/usr/bin/env bash
# Runs every benchmark in bench/src one after another (each prints its own baseline and ratios).
# Usage: npm run bench [-- name-filter]
set -euo pipefail
cd "$(dirname "$0")"
for file in src/*.ts; do
  name=$(basename "$file" .ts)
  [ "$name" = "messageml-measure" ] && continue   # shared measuring code, not a benchmark
  [ -n "${1:-}" ] && [[ "$name" != *"$1"* ]] && continue
  echo "=== $name"
  npx tsx "$file"
  echo
done
