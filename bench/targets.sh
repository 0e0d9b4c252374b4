#!/usr/bin/env bash
# One target at a time from a catalog snapshot, two builds side by side: hyperfine's median
# wall time (min–max) and mean user CPU, the steadier figure on a shared machine.
#
#   BASE=/path/to/old/gen-types bench/targets.sh N target...
#   e.g. BASE=/tmp/gt-main bench/targets.sh 5000 openapi json_schema contracts
#
# The snapshot of peers_N (schemas public and app) is read once into $WORK/snapN.json; each
# build then writes the target into its own folder, and the outputs are compared byte for byte.
# Env: GEN_TYPES (default target/release/gen-types), BASE (required), RUNS (5), WORK, PG*.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NEW=$(realpath "${GEN_TYPES:-$(dirname "$HERE")/target/release/gen-types}")
BASE=$(realpath "${BASE:?set BASE to the build to compare with}")
RUNS=${RUNS:-5}
WORK=${WORK:-${TMPDIR:-/tmp}/gen-types-targets}
[ $# -ge 2 ] || { echo "usage: BASE=... bench/targets.sh N target..." >&2; exit 2; }
n=$1
shift
mkdir -p "$WORK"
: > "$WORK/empty.toml"
snap=$WORK/snap$n.json
url="postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/peers_$n"
[ -f "$snap" ] || "$NEW" introspect --db-url "$url" --schema public --schema app > "$snap"
echo "== $n tables, load $(cut -d' ' -f1-3 /proc/loadavg)"
for t in "$@"; do
  for which in base new; do
    bin=$BASE
    [ "$which" = new ] && bin=$NEW
    out=$WORK/$n-$t-$which
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/hf-$n-$t-$which.json" \
      "rm -rf $out && $bin generate --config $WORK/empty.toml --from-snapshot $snap --target $t --out $out -q" \
      >/dev/null 2>&1
  done
  diff -rq "$WORK/$n-$t-base" "$WORK/$n-$t-new" >/dev/null && same=identical || same=DIFFERENT
  python3 - "$WORK" "$n" "$t" "$same" <<'PY'
import json, statistics as s, sys
w, n, t, same = sys.argv[1:]
def fig(which):
    r = json.load(open(f"{w}/hf-{n}-{t}-{which}.json"))["results"][0]
    return s.median(r["times"]), min(r["times"]), max(r["times"]), r["user"]
b, x = fig("base"), fig("new")
print(f"{t:12} wall {b[0]:.3f} ({b[1]:.3f}-{b[2]:.3f}) -> {x[0]:.3f} ({x[1]:.3f}-{x[2]:.3f}) s; "
      f"user {b[3]:.3f} -> {x[3]:.3f} s = {b[3]/x[3]:.2f}x less; outputs {same}")
PY
done
