#!/usr/bin/env bash
# What `tsc --strict` costs on the Zod module in the issue-14 candidate shapes
# (bench/zod_candidates.py says what each is), against the types module.
#
#   bench/zod_candidates.sh DIR     DIR holds database.types.ts and database.schemas.ts
#
# Per file: median wall and user CPU of RUNS runs (3), min-max wall, peak RSS, and tsc's
# --extendedDiagnostics types/instantiations/check time of the last run. `module` is tsc on
# the module alone, `use_all` on a consumer calling `.parse` of every export (the module
# included). Env: CANDIDATES ("inferred nocheck dts"; "annotated" takes minutes and, at
# 1,000 tables, ran out of tsc's 4 GB heap), RUNS.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NM=$(dirname "$HERE")/node_modules
RUNS=${RUNS:-3}
src=$1
w=$(mktemp -d /tmp/gt-zod-candidates.XXXXXX)
python3 "$HERE/zod_candidates.py" "$src" "$w"
measure() { # dir file label
  local dir=$1 file=$2 label=$3 walls=() users=() rss=0
  ln -sfn "$NM" "$dir/node_modules"
  printf '{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "skipLibCheck": true, "types": [] }, "files": ["%s"] }\n' "$file" > "$dir/tsconfig.json"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %M' -o "$dir/time" "$NM/.bin/tsc" -p "$dir/tsconfig.json" \
      --extendedDiagnostics > "$dir/diag" 2>&1 || { echo "$label: tsc failed"; head -5 "$dir/diag"; return 0; }
    read -r e u m < "$dir/time"; walls+=("$e"); users+=("$u"); [ "$m" -gt "$rss" ] && rss=$m
  done
  python3 - "$label" "$rss" "${walls[*]}" "${users[*]}" "$dir/diag" <<'PY'
import re, statistics as st, sys
label, rss, walls, users, diag = sys.argv[1:]
w = [float(x) for x in walls.split()]; u = [float(x) for x in users.split()]
d = dict(re.findall(r"^(Types|Instantiations|Check time):\s+(\S+)", open(diag).read(), re.M))
print(f"{label:32} wall {st.median(w):6.2f} s ({min(w):.2f}-{max(w):.2f})  user {st.median(u):6.2f} s"
      f"  peak {int(rss) // 1024:5} MB  types {d.get('Types')} inst {d.get('Instantiations')} check {d.get('Check time')}")
PY
}
echo "load: $(uptime | sed 's/.*load average: //')"
measure "$w/inferred" database.types.ts "types module"
for c in ${CANDIDATES:-inferred nocheck dts}; do
  [ "$c" = dts ] || measure "$w/$c" database.schemas.ts "$c: module"
  measure "$w/$c" use_all.ts "$c: use_all"
done
echo "load: $(uptime | sed 's/.*load average: //')"
rm -rf "$w"
