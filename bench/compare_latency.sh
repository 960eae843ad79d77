#!/bin/bash
# Search latency of two commits on the same databases, interleaved, so that their ratio survives a
# shared machine's drift:  bench/compare_latency.sh BASE [ROUNDS] [DATABASE_URL]   (from the repository
# root; the corpus loaded by bench/load.py in var/bench, or in the PostgreSQL database given, with the
# semantic side on). BASE is checked out in a throw-away worktree.
set -euo pipefail
base=${1:?usage: bench/compare_latency.sh BASE [ROUNDS] [DATABASE_URL]}
rounds=${2:-2}
source "$(dirname "$0")/base_worktree.sh"
export KB_SEMANTIC_SEARCH=1 KB_VAR_DIR="$here/var/bench"
if [ -n "${3:-}" ]; then
  export DATABASE_URL=$3 KB_VAR_DIR="$here/var/bench-postgresql"
fi
for round in $(seq "$rounds"); do
  for checkout in "$tree" "$here"; do
    name=$([ "$checkout" = "$here" ] && echo HEAD || echo "$base")
    echo "=== round $round $name latency ($(uptime | sed 's/.*load/load/'))"
    (cd "$checkout" && .venv/bin/python bench/latency.py --floor /work/shared/corpus | grep -E "^(API|floor|single)")
  done
done
