#!/usr/bin/env bash
# Benchmarks gen-types against the cost of one catalog query, on synthetic databases.
#
#   bench/run.sh [N...]          (default: 100 1000 5000; N = number of tables)
#
# For each N: builds database gt_bench_N from bench/gen_schema.py --tables N (reloaded only
# when the DDL's md5 differs from the one kept in COMMENT ON DATABASE), then times with
# hyperfine (one warm-up, at least RUNS runs, default 10; gen-all: RUNS_ALL runs, default 3):
#   floor       psql running one catalog SELECT that dumps every column of every table,
#               view and composite type of public and app (bench/floor.sql): what reading
#               the catalog costs at the very least
#   introspect  `gen-types introspect` (catalog read and model built, JSON printed)
#   generate    `gen-types generate --target typescript` (the whole run: database.types.ts
#               written; what the peers in ../shared/bench/run_peers.sh do)
#   gen-all     `gen-types generate` with every target (TypeScript, Zod, JSON Schema, ...)
# and measures each one's peak RSS once with GNU time (/usr/bin/time -f %M). Prints a table
# with medians, min, max, ratio to the floor and peak MB.
#
# Then, unless QUERIES=0, counts the statements gen-types sends for the smallest and the
# largest N with bench/count_queries.sh (a throwaway cluster with log_statement=all; needs
# root and the postgres OS user; the shared server is never reconfigured).
#
# Env: GEN_TYPES  binary (default: target/release/gen-types of this repo)
#      PGHOST PGPORT PGUSER PGPASSWORD   connection (default 127.0.0.1 5432 postgres, trust)
#      RUNS (10)  RUNS_ALL (3)  WORK (/tmp/gt-bench)  QUERIES (1)
# Needs python3, psql, hyperfine, /usr/bin/time. hyperfine is a Debian package: when it is
# missing and we are root, this script runs `apt-get install -y hyperfine` itself.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
GEN_TYPES=${GEN_TYPES:-$ROOT/target/release/gen-types}
RUNS=${RUNS:-10}
RUNS_ALL=${RUNS_ALL:-3}
WORK=${WORK:-${TMPDIR:-/tmp}/gt-bench}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 5000)
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
# gen-types reads ./config.toml when there is one: run from $WORK with configs of our own
cd "$WORK"
printf '# bench/run.sh: defaults, every target\n' > "$WORK/all.toml"
printf '# bench/run.sh: defaults, TypeScript only\ntargets = ["typescript"]\n' > "$WORK/ts.toml"

[ -x "$GEN_TYPES" ] || { echo "no gen-types binary at $GEN_TYPES (cargo build --release, or set GEN_TYPES)" >&2; exit 2; }
GEN_TYPES=$(realpath "$GEN_TYPES")
if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing hyperfine (apt-get install -y hyperfine)..." >&2
    apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
  else
    echo "missing hyperfine: apt-get install -y hyperfine" >&2; exit 2
  fi
fi
for t in python3 psql hyperfine /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "missing: $t" >&2; exit 2; }
done
if [ -n "${PGPASSWORD:-}" ]; then CRED="$PGUSER:$PGPASSWORD"; else CRED=$PGUSER; fi

declare -A MED
summary=()
printf '%6s  %-10s %9s %9s %9s %8s %8s\n' tables tool median_s min_s max_s x_floor peak_MB
for n in "${SIZES[@]}"; do
  db=gt_bench_$n
  dir=$WORK/$n
  mkdir -p "$dir"
  url="postgres://$CRED@$PGHOST:$PGPORT/$db"

  # database, reloaded only when the DDL changed
  python3 "$HERE/gen_schema.py" --tables "$n" > "$dir/schema.sql"
  sum="gen-types bench $(md5sum < "$dir/schema.sql" | cut -c1-32)"
  have=$(psql -X -At -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
  if [ "$have" != "$sum" ]; then
    echo "loading $db ($n tables)..." >&2
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$dir/schema.sql" >/dev/null
    psql -X -q -d "$db" -c "VACUUM ANALYZE" -c "COMMENT ON DATABASE $db IS '$sum'" >/dev/null
  fi

  names=(floor introspect generate gen-all)
  cmds=(
    "psql -X -At -d $db -f $HERE/floor.sql -o $dir/floor.txt"
    "$GEN_TYPES --config $WORK/ts.toml introspect --db-url $url --schema public --schema app > $dir/model.json"
    "rm -rf $dir/out && $GEN_TYPES --config $WORK/ts.toml generate --db-url $url --schema public --schema app --out $dir/out"
    "rm -rf $dir/all && $GEN_TYPES --config $WORK/all.toml generate --db-url $url --schema public --schema app --out $dir/all"
  )
  for i in "${!names[@]}"; do
    nm=${names[$i]} cmd=${cmds[$i]}
    /usr/bin/time -f '%M' -o "$dir/rss_$nm" sh -c "$cmd" 2>"$dir/err_$nm" || { echo "$nm failed: $cmd" >&2; cat "$dir/err_$nm" >&2; exit 1; }
    runs=(--warmup 1 --min-runs "$RUNS")
    [ "$nm" = gen-all ] && runs=(--runs "$RUNS_ALL") # the slow one: keep the script short
    hyperfine --style none "${runs[@]}" --export-json "$dir/hf_$nm.json" "$cmd" >/dev/null 2>&1 \
      || { echo "$nm failed under hyperfine: $cmd" >&2; exit 1; }
    read -r m lo hi < <(python3 -c "
import json, statistics as s
t = json.load(open('$dir/hf_$nm.json'))['results'][0]['times']
print(f'{s.median(t):.3f} {min(t):.3f} {max(t):.3f}')")
    MED[$nm]=$m
    printf '%6s  %-10s %9s %9s %9s %8s %8s\n' "$n" "$nm" "$m" "$lo" "$hi" \
      "$(python3 -c "print(f'{$m / ${MED[floor]}:.2f}')")" "$(( $(tail -1 "$dir/rss_$nm") / 1024 ))"
  done
  summary+=("N=$n: generate/floor = $(python3 -c "print(f'{${MED[generate]} / ${MED[floor]}:.2f}')")x, introspect/floor = $(python3 -c "print(f'{${MED[introspect]} / ${MED[floor]}:.2f}')")x; $(grep -c '' "$dir/floor.txt") columns; $(wc -c < "$dir/out/database.types.ts") bytes of TypeScript; gen-all wrote $(ls "$dir/all" | tr '\n' ' ')")
done
printf '%s\n' "${summary[@]}"

if [ "${QUERIES:-1}" != 0 ]; then
  sorted=($(printf '%s\n' "${SIZES[@]}" | sort -n))
  qs=("${sorted[0]}"); [ "${sorted[-1]}" = "${sorted[0]}" ] || qs+=("${sorted[-1]}")
  if [ "$(id -u)" = 0 ]; then
    GEN_TYPES=$GEN_TYPES "$HERE/count_queries.sh" "${qs[@]}" | grep '^queries'
  else
    echo "query count skipped: bench/count_queries.sh needs root" >&2
  fi
fi
echo "outputs and hyperfine data: $WORK" >&2
