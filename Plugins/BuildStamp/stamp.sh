#!/bin/sh
# Writes BuildStamp.swift ($2) for the package in $1: the commit (with "-modified" when the work
# tree has uncommitted changes; "unknown" outside a git checkout) and today's date (UTC).
# Leaves the file alone when nothing changed, so the build does not recompile for nothing.
set -u
package=$1
output=$2
commit=unknown
if command -v git >/dev/null 2>&1 && git -C "$package" rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git -C "$package" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$package" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit-modified"
  fi
fi
day=$(date -u +%Y-%m-%d)
text="/// Which build this is: written by the BuildStamp plugin before each build.
enum BuildStamp {
    /// The commit the build was made from (\"-modified\" with uncommitted changes; \"unknown\" outside git).
    static let commit = \"$commit\"
    /// The day it was built (UTC).
    static let date = \"$day\"
}"
mkdir -p "$(dirname "$output")"
if [ ! -f "$output" ] || [ "$(cat "$output")" != "$text" ]; then
  printf '%s\n' "$text" > "$output"
fi
