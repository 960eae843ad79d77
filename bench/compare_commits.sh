#!/bin/bash
# Render times of two commits on the same databases, interleaved, so that their ratio survives a
# shared machine's drift:  bench/compare_commits.sh BASE [ROUNDS]   (from the repository root;
# the loaded corpus in var/bench, from bench/load.py). BASE is checked out in a throw-away worktree.
set -euo pipefail
base=${1:?usage: bench/compare_commits.sh BASE [ROUNDS]}
rounds=${2:-3}
source "$(dirname "$0")/base_worktree.sh"
export KB_SEMANTIC_SEARCH=0
for round in $(seq "$rounds"); do
  for checkout in "$tree" "$here"; do
    name=$([ "$checkout" = "$here" ] && echo HEAD || echo "$base")
    cd "$checkout"
    echo "=== round $round $name render_pages (demo)"
    .venv/bin/python bench/render_pages.py --runs 20 --budget-ms 1000 | grep "^|"
    echo "=== round $round $name listing_pages (corpus)"
    KB_VAR_DIR="$here/var/bench" .venv/bin/python bench/listing_pages.py --runs 10 | tail -6
    echo "=== round $round $name home (corpus)"
    KB_VAR_DIR="$here/var/bench" .venv/bin/python bench/home_pages.py --runs 20 --as membre | grep "^|" || true
  done
done
