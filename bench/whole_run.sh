#!/usr/bin/env bash
# The whole run (every target) side by side with the floor and the peers, plus TypeScript alone,
# on the shared peer databases (../shared/bench/run_peers.sh builds peers_N).
#
#   bench/whole_run.sh N...        e.g. bench/whole_run.sh 1000 5000
#
# For each N: run_peers.sh times floor / supabase / kysely / gen-types with gen-types writing
# every target (a scratch config.toml with no `targets` line), then hyperfine times
# `generate --target typescript` on the same database, and the ratios to that run's floor are
# printed. Outputs stay in ${WORK_ROOT:-/tmp/gen-types-bench}/N/gen-types (all targets), which
# bench/consumers.sh reads.
# Env: GEN_TYPES (default target/release/gen-types), PEERS_SCRIPT, RUNS (5), PG* as run_peers.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
export GEN_TYPES=$(realpath "${GEN_TYPES:-$ROOT/target/release/gen-types}")
PEERS_SCRIPT=$(realpath "${PEERS_SCRIPT:-$ROOT/../shared/bench/run_peers.sh}")
RUNS=${RUNS:-5}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
[ $# -gt 0 ] || { echo "usage: bench/whole_run.sh N..." >&2; exit 2; }
CWD=$(mktemp -d /tmp/gt-whole-cwd.XXXXXX)
trap 'rm -rf "$CWD"' EXIT
printf '# bench/whole_run.sh: every target (no targets line)\n' > "$CWD/config.toml"
cd "$CWD"
for n in "$@"; do
  work=${WORK_ROOT:-${TMPDIR:-/tmp}/gen-types-bench}/$n
  echo "== $n tables, gen-types = every target"
  WORK=$work RUNS=$RUNS "$PEERS_SCRIPT" "$n"
  url="postgres://$PGUSER@$PGHOST:$PGPORT/peers_$n"
  cmd="rm -rf $work/ts-only && $GEN_TYPES generate --db-url $url --schema public --schema app --target typescript --out $work/ts-only"
  /usr/bin/time -f '%M' -o "$work/rss_ts" sh -c "$cmd"
  hyperfine --style none --warmup 1 --min-runs "$RUNS" --export-json "$work/hf_ts.json" "$cmd" >/dev/null 2>&1
  python3 - "$work" <<'PY'
import json, statistics as s, sys
w = sys.argv[1]
med = lambda n: s.median(json.load(open(f"{w}/hf_{n}.json"))["results"][0]["times"])
floor, ts, allt, supa = med("floor"), med("ts"), med("gen-types"), med("supabase")
rss = int(open(f"{w}/rss_ts").read().split()[-1]) // 1024
print(f"typescript only: {ts:.3f} s = {ts/floor:.2f}x the floor ({floor:.3f} s), peak {rss} MB")
print(f"every target:    {allt:.3f} s = {allt/floor:.2f}x the floor; supabase (TS only) / every target = {supa/allt:.1f}x")
PY
done
