#!/usr/bin/env bash
# What the generated files cost the people who use them: `tsc --strict` on database.types.ts
# and on database.schemas.ts (Zod), and `cargo check` of database.rs in a crate with the
# README's dependency set (bench/consumers/rust-crate).
#
#   bench/consumers.sh N...        after bench/whole_run.sh N (reads its outputs)
#
# Prints wall and user CPU time (medians of RUNS tsc runs; one cargo check after a warm
# dependency build) and peak RSS, for the types module, the Zod module alone, and a
# consumer using every Zod export (use_all.ts). Env: RUNS (3), WORK_ROOT (/tmp/gen-types-bench), SKIP_RUST=1 to skip cargo.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
RUNS=${RUNS:-3}
NM=$ROOT/node_modules
[ -x "$NM/.bin/tsc" ] && [ -d "$NM/zod" ] || { echo "run npm ci in $ROOT first" >&2; exit 2; }
median() { python3 -c "import statistics,sys;print(f'{statistics.median(map(float,sys.argv[1:])):.2f}')" "$@"; }
time_tsc() { # dir file -> "median_wall_s median_user_s peak_MB"
  local dir=$1 file=$2 walls=() users=() rss=0
  printf '{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "skipLibCheck": true, "types": [] }, "files": ["%s"] }\n' "$file" > "$dir/tsconfig.json"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %M' -o "$dir/time" "$NM/.bin/tsc" -p "$dir/tsconfig.json" >"$dir/tsc.log" 2>&1 \
      || { echo "tsc failed on $dir/$file:" >&2; head -20 "$dir/tsc.log" >&2; return 1; }
    local e u m; read -r e u m < <(tail -1 "$dir/time")
    walls+=("$e"); users+=("$u"); [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$(median "${walls[@]}") $(median "${users[@]}") $((rss / 1024))"
}
# A consumer that needs the type of every export of the Zod module: one
# `(v: unknown) => S.x.parse(v)` per export (tsc on the module alone only reads the
# declarations of the declared form, zod_declare).
use_all() { # schemas.ts -> use_all.ts on stdout
  echo 'import * as S from "./database.schemas.js"'
  grep -oP '^export const \K[\w$]+' "$1" | grep -vx Schemas | sed 's/.*/export const p_& = (v: unknown) => S.&.parse(v)/'
}
for n in "$@"; do
  src=${WORK_ROOT:-${TMPDIR:-/tmp}/gen-types-bench}/$n/gen-types
  [ -f "$src/database.schemas.ts" ] || { echo "missing $src (run bench/whole_run.sh $n)" >&2; exit 2; }
  w=$(mktemp -d /tmp/gt-consumers.XXXXXX)
  ln -s "$NM" "$w/node_modules"
  cp "$src/database.types.ts" "$src/database.schemas.ts" "$w/"
  use_all "$w/database.schemas.ts" > "$w/use_all.ts"
  read -r ts_s ts_u ts_mb < <(time_tsc "$w" database.types.ts)
  read -r zod_s zod_u zod_mb < <(time_tsc "$w" database.schemas.ts)
  read -r all_s all_u all_mb < <(time_tsc "$w" use_all.ts)
  ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
  echo "== $n tables ($(head -1 "$w/database.schemas.ts" | grep -q '@ts-nocheck' && echo declared || echo inferred) Zod module; load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "tsc database.types.ts:   ${ts_s} s wall, ${ts_u} s user, ${ts_mb} MB"
  echo "tsc database.schemas.ts: ${zod_s} s wall, ${zod_u} s user, ${zod_mb} MB ($(ratio "$zod_u" "$ts_u")x the types module, user)"
  echo "tsc use_all.ts:          ${all_s} s wall, ${all_u} s user, ${all_mb} MB ($(ratio "$all_u" "$ts_u")x)"
  if [ -z "${SKIP_RUST:-}" ]; then
    crate=$w/rust-crate
    cp -r "$HERE/consumers/rust-crate" "$crate"
    cp "$src/database.rs" "$crate/src/database.rs"
    export CARGO_TARGET_DIR=${CONSUMER_TARGET:-/tmp/gt-consumer-target}
    mv "$crate/src/database.rs" "$crate/database.rs.bak"; : > "$crate/src/database.rs"
    (cd "$crate" && cargo check -q 2>/dev/null)            # dependencies, not timed
    mv "$crate/database.rs.bak" "$crate/src/database.rs"; touch "$crate/src/database.rs" "$crate/src/lib.rs"
    t0=$(date +%s.%N)
    (cd "$crate" && /usr/bin/time -f '%M' -o "$w/rss_cargo" cargo check -q) || { echo "cargo check failed" >&2; exit 1; }
    echo "cargo check database.rs: $(python3 -c "import time;print(f'{time.time()-$t0:.1f}')") s, $(( $(tail -1 "$w/rss_cargo") / 1024 )) MB (peak of one rustc)"
  fi
  rm -rf "$w"
done
