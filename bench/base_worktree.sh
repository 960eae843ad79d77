# Sourced by the compare_* scripts: BASE checked out in a throw-away worktree beside this checkout.
# Sets `here` (this checkout) and `tree` (BASE's), shares this checkout's .venv, and removes the
# worktree on exit.
here=$(pwd)
tree=$(mktemp -d)/base
git worktree add -q --detach "$tree" "$base"
ln -s "$here/.venv" "$tree/.venv"
trap 'git worktree remove --force "$tree"' EXIT
