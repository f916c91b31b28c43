#!/usr/bin/env bash
# Makes the upgrade test's fixture from a release: checks the release out beside this tree, installs its
# lockfile, seeds an embedded database with that release's own code (seed.ts) and backs it up with that
# release's `parley backup`. Writes e2e/upgrade/fixtures/<release>.backup and <release>.json.
#   scripts/upgrade-fixture/make.sh <commit>
set -euo pipefail
release=$(git rev-parse --short "${1:?usage: make.sh <commit>}")
root=$(git rev-parse --show-toplevel)
out="$root/e2e/upgrade/fixtures"
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/tree" 2>/dev/null || true; rm -rf "$work"' EXIT
git -C "$root" worktree add --detach "$work/tree" "$release" >/dev/null
cd "$work/tree"
npm ci --no-audit --no-fund >/dev/null
cp "$root/scripts/upgrade-fixture/seed.ts" apps/server/test/upgrade-seed.ts
mkdir -p "$out"
node --import tsx apps/server/test/upgrade-seed.ts "$work/data" "$out/$release.json" "$release"
# Backed up with this tree's `parley backup` (older releases have none): it copies the directory as it is.
(cd "$root" && node apps/cli/bin/parley.mjs backup --data "$work/data" --out "$out/$release.backup")
echo "wrote $out/$release.backup and $out/$release.json"
