#!/usr/bin/env bash
# Runs the shared peer comparison (../shared/bench/run_peers.sh: floor, @supabase/postgres-meta
# typegen, kysely-codegen, gen-types) with gen-types writing TypeScript only, like the peers.
#
#   bench/peers.sh N...            e.g. bench/peers.sh 1000 5000
#
# run_peers.sh calls `$GEN_TYPES generate ...` in the current directory, and gen-types reads
# ./config.toml when there is one (this repo has one, and its default is every target:
# TypeScript, Zod, JSON Schema, ...). So this runs it from a scratch directory whose
# config.toml says targets = ["typescript"].
# Env: GEN_TYPES (default target/release/gen-types), PEERS_SCRIPT (default
# ../shared/bench/run_peers.sh beside this repo), RUNS and PG* as run_peers.sh takes them.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
export GEN_TYPES=$(realpath "${GEN_TYPES:-$ROOT/target/release/gen-types}")
PEERS_SCRIPT=$(realpath "${PEERS_SCRIPT:-$ROOT/../shared/bench/run_peers.sh}")
[ $# -gt 0 ] || { echo "usage: bench/peers.sh N..." >&2; exit 2; }
CWD=$(mktemp -d /tmp/gt-peers-cwd.XXXXXX)
trap 'rm -rf "$CWD"' EXIT
printf '# bench/peers.sh: TypeScript only, like the peers\ntargets = ["typescript"]\n' > "$CWD/config.toml"
cd "$CWD"
for n in "$@"; do
  echo "== $n tables" 
  "$PEERS_SCRIPT" "$n"
done
