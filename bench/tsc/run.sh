#!/usr/bin/env bash
# How heavy are the generated types for TypeScript? Type-checks one small supabase-js client
# (bench/tsc/client.ts.tmpl: a select with an embedded FK relation, an insert, an rpc call)
# against gen-types' database.types.ts and against the reference generator's output for the
# same database, and reports `tsc --noEmit` wall time and peak RSS (median of RUNS runs)
# plus tsc's own --extendedDiagnostics figures.
#
#   bench/tsc/run.sh [DB] [OURS] [REFERENCE]
#
# Defaults are what /work/shared/bench/run_peers.sh 5000 leaves behind:
#   DB        peers_5000
#   OURS      /tmp/gen-types-bench/5000/gen-types/database.types.ts
#   REFERENCE /tmp/gen-types-bench/5000/supabase.ts   (@supabase/postgres-meta's typegen)
# The table, the embedded relation, the insert payload and the function are picked from DB's
# catalog (public schema), so both files are checked with the same client.
# Needs node, psql, /usr/bin/time and typescript + @supabase/supabase-js in NODE_MODULES
# (default: this repo's node_modules; run `npm ci` in the repo root when missing).
# Env: RUNS (3), PGHOST/PGPORT/PGUSER as usual, TSC_WORK (/tmp/gt-tsc).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$(dirname "$HERE")")
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${1:-peers_5000}
OURS=${2:-/tmp/gen-types-bench/5000/gen-types/database.types.ts}
REF=${3:-/tmp/gen-types-bench/5000/supabase.ts}
RUNS=${RUNS:-3}
NM=${NODE_MODULES:-$ROOT/node_modules}
WORK=${TSC_WORK:-/tmp/gt-tsc}
[ -f "$NM/typescript/bin/tsc" ] && [ -d "$NM/@supabase/supabase-js" ] \
  || { echo "typescript / @supabase/supabase-js missing in $NM (npm ci in $ROOT)" >&2; exit 2; }
for f in "$OURS" "$REF"; do [ -f "$f" ] || { echo "missing $f (run run_peers.sh first)" >&2; exit 2; }; done

# --- pick the table, the relation, the insert payload and the function from the catalog
psql -X -At -F $'\t' -d "$DB" > "$WORK.picks" <<'SQL'
SELECT 'fk', c.relname, f.relname, (SELECT count(*) FROM pg_constraint x
         WHERE x.contype = 'f' AND ((x.conrelid, x.confrelid) IN ((k.conrelid, k.confrelid), (k.confrelid, k.conrelid))))
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND f.relnamespace = 'public'::regnamespace
  AND c.oid <> f.oid AND c.relkind = 'r' AND f.relkind = 'r';
SELECT 'col', c.relname, a.attname, t.typname, t.typtype,
       (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder LIMIT 1)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
  AND ((a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '') OR t.typnotnull);
SELECT 'fn', p.proname, coalesce(array_to_string(p.proargnames, ','), ''),
       coalesce((SELECT string_agg(format_type(x, NULL), ',') FROM unnest(p.proargtypes) x), ''),
       p.proargmodes IS NULL,
       (SELECT count(*) FROM pg_proc q WHERE q.pronamespace = p.pronamespace AND q.proname = p.proname)
FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f' AND p.pronargs > 0
  AND p.prorettype <> 'trigger'::regtype;
SQL

python3 - "$WORK.picks" "$HERE/client.ts.tmpl" "$WORK.client.ts" <<'PY'
import json, re, sys
picks, tmpl, out = sys.argv[1:]
fks, cols, fns = [], {}, []
for line in open(picks).read().splitlines():
    f = line.split("\t")
    if f[0] == "fk":
        fks.append((f[1], f[2], int(f[3])))
    elif f[0] == "col":
        cols.setdefault(f[1], []).append((f[2], f[3], f[4], f[5]))
    elif f[0] == "fn":
        fns.append((f[1], f[2], f[3], f[4] == "t", int(f[5])))
SAMPLE = {"int2": 1, "int4": 1, "int8": 1, "numeric": 1, "float4": 1, "float8": 1, "text": "x",
          "varchar": "x", "bpchar": "x", "bool": True, "timestamptz": "2024-01-01T00:00:00Z",
          "timestamp": "2024-01-01T00:00:00", "date": "2024-01-01",
          "uuid": "00000000-0000-0000-0000-000000000000", "jsonb": {}, "json": {}}
PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")

def payload(required):
    obj = {}
    for name, typ, typtype, label in required:
        if typtype == "e":
            obj[name] = label
        elif typ in SAMPLE:
            obj[name] = SAMPLE[typ]
        else:
            return None
    return obj

choice = None
for table, target, between in sorted(fks):
    if between != 1 or not (PLAIN.match(table) and PLAIN.match(target)):
        continue
    obj = payload(cols.get(table, []))
    if obj is not None and len(obj) >= 2:
        choice = (table, target, obj)
        break
if choice is None:
    sys.exit("no suitable table with a single FK to another public table")
SARG = {"integer": 1, "bigint": 1, "smallint": 1, "numeric": 1, "text": "x", "boolean": True,
        "uuid": "00000000-0000-0000-0000-000000000000", "jsonb": {}}
fn = None
for name, argnames, argtypes, in_only, overloads in sorted(fns):
    names, types = argnames.split(","), argtypes.split(",")
    if overloads == 1 and in_only and PLAIN.match(name) and len(names) == len(types) and all(names) \
            and all(t in SARG for t in types):
        fn = (name, {n: SARG[t] for n, t in zip(names, types)})
        break
if fn is None:
    sys.exit("no suitable function")
text = open(tmpl).read()
for k, v in {"TABLE": choice[0], "EMBED": choice[1], "INSERT": json.dumps(choice[2]),
             "FUNCTION": fn[0], "ARGS": json.dumps(fn[1])}.items():
    text = text.replace(f"@@{k}@@", v)
open(out, "w").write(text)
print(f"client: from({choice[0]!r}) embedding {choice[1]!r}, insert {len(choice[2])} columns, rpc({fn[0]!r})",
      file=sys.stderr)
PY

for which in ours reference; do
  src=$OURS; [ $which = reference ] && src=$REF
  d=$WORK/$which
  rm -rf "$d"; mkdir -p "$d"
  cp "$src" "$d/database.types.ts"
  cp "$WORK.client.ts" "$d/client.ts"
  cp "$HERE/tsconfig.json" "$d/tsconfig.json"
  ln -s "$NM" "$d/node_modules"
  : > "$d/runs"
done
# runs alternate between the two, so a change in machine load hits both alike
for i in $(seq "$RUNS"); do
  for which in ours reference; do
    d=$WORK/$which
    /usr/bin/time -f '%e %M' -o "$d/time" node "$NM/typescript/bin/tsc" -p "$d/tsconfig.json" --extendedDiagnostics \
      > "$d/diag.txt" 2>&1 || true
    diag() { grep -E "^$1:" "$d/diag.txt" | awk '{print $(NF)}' | tr -d 'sK'; }
    echo "$(cat "$d/time") $(diag 'Check time') $(diag 'Memory used') $(diag 'Types') $(grep -c 'error TS' "$d/diag.txt")" >> "$d/runs"
  done
done
printf '%-10s %8s %9s %7s %8s %8s %8s %8s %7s\n' types file_MB median_s min_s peak_MB check_s tsc_MB types_n errors
for which in ours reference; do
  src=$OURS; [ $which = reference ] && src=$REF
  d=$WORK/$which
  grep 'error TS' "$d/diag.txt" | head -5 | sed "s/^/  $which: /" >&2 || true
  python3 - "$which" "$(stat -c %s "$src")" "$d/runs" <<'PY'
import statistics as st, sys
which, size, path = sys.argv[1:]
runs = [l.split() for l in open(path).read().splitlines()]
wall = [float(r[0]) for r in runs]
rss = max(int(r[1]) for r in runs)
check = st.median(float(r[2]) for r in runs)
mem = max(int(r[3]) for r in runs)
print(f"{which:<10} {int(size)/1e6:8.1f} {st.median(wall):9.2f} {min(wall):7.2f} {rss/1024:8.0f} "
      f"{check:8.2f} {mem/1024:8.0f} {runs[-1][4]:>8} {runs[-1][5]:>7}")
PY
done
echo "client, tsc output and per-run figures (wall_s rss_KB check_s mem_KB types errors): $WORK" >&2
