#!/bin/bash
# Search latency of two commits on the same databases, interleaved, so that their ratio survives a
# shared machine's drift:  bench/compare_latency.sh BASE [ROUNDS] [DATABASE_URL | opensearch]   (from
# the repository root; the corpus loaded by bench/load.py in var/bench, or in the PostgreSQL database
# given, with the semantic side on; `opensearch`: the Elasticsearch engine on a test node filled from
# var/bench, bench/latency.py --opensearch). BASE is checked out in a throw-away worktree and timed
# with this checkout's bench scripts: only the product code differs between the two. COMPARE=throughput
# runs bench/throughput.py instead (bench/compare_throughput.sh).
set -euo pipefail
base=${1:?usage: bench/compare_latency.sh BASE [ROUNDS] [DATABASE_URL | opensearch]}
rounds=${2:-2}
source "$(dirname "$0")/base_worktree.sh"
cp "$here"/bench/*.py "$tree/bench/"
export KB_SEMANTIC_SEARCH=1 KB_VAR_DIR="$here/var/bench"
script=${COMPARE:-latency}
options=()
[ "$script" = latency ] && options+=(--floor /work/shared/corpus)
if [ "${3:-}" = opensearch ]; then
  options+=(--opensearch)
elif [ -n "${3:-}" ]; then
  export DATABASE_URL=$3 KB_VAR_DIR="$here/var/bench-postgresql"
fi
for round in $(seq "$rounds"); do
  for checkout in "$tree" "$here"; do
    name=$([ "$checkout" = "$here" ] && echo HEAD || echo "$base")
    echo "=== round $round $name $script ($(uptime | sed 's/.*load/load/'))"
    (cd "$checkout" && .venv/bin/python "bench/$script.py" "${options[@]}" | grep -E "^(API|floor|single|throughput)")
  done
done
