#!/usr/bin/env bash
# Counts the statements gen-types sends to the server, for real, on a throwaway cluster.
#
#   bench/count_queries.sh [N...]        (default: 100 5000)
#
# Starts a private PostgreSQL cluster (initdb as the `postgres` OS user, so this must run as
# root; unix socket and port COUNT_PORT, default 54329, on 127.0.0.1 only) with
# log_statement=all and log_min_duration_statement=0, loads bench/gen_schema.py --tables N
# into it, runs `gen-types generate` once as a dedicated role, and counts that role's
# logged statements ("statement:" lines for the simple protocol, "execute" lines for the
# extended one). It also prints how long the server spent executing each of them, which
# tells how much of a run is spent in the server. The shared server is never reconfigured.
#
# Env: GEN_TYPES (default target/release/gen-types), PGBIN (default: newest
# /usr/lib/postgresql/*/bin), COUNT_PORT (54329), KEEP=1 keeps the cluster dir.
# Prints one line per N:  queries N=<n> statements=<k> sql_commands=<m> server_ms=<t>
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
GEN_TYPES=$(realpath "${GEN_TYPES:-$ROOT/target/release/gen-types}")
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PORT=${COUNT_PORT:-54329}
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(100 5000)

[ "$(id -u)" = 0 ] || { echo "count_queries.sh: must run as root (initdb runs as the postgres OS user)" >&2; exit 2; }
[ -x "$PGBIN/initdb" ] || { echo "count_queries.sh: no initdb in PGBIN=$PGBIN" >&2; exit 2; }
id postgres >/dev/null 2>&1 || { echo "count_queries.sh: no postgres OS user" >&2; exit 2; }

DIR=$(mktemp -d /tmp/gt-qcount.XXXXXX)
chown postgres "$DIR"
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$DIR"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 \
  -c fsync=off -c log_statement=all -c log_min_duration_statement=0 \
  -c log_line_prefix='%m [%p] user=%u db=%d '" start >/dev/null
P() { psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
P -d postgres -c "CREATE ROLE gt_counter LOGIN" >/dev/null

for n in "${SIZES[@]}"; do
  db=gt_count_$n
  P -d postgres -c "CREATE DATABASE $db" >/dev/null
  python3 "$HERE/gen_schema.py" --tables "$n" > "$DIR/schema_$n.sql"
  P -v ON_ERROR_STOP=1 -d "$db" -f "$DIR/schema_$n.sql" >/dev/null
  start=$(wc -l < "$DIR/server.log")
  rm -rf "$DIR/out"
  (cd "$DIR" && "$GEN_TYPES" generate --target typescript --db-url "postgres://gt_counter@127.0.0.1:$PORT/$db" \
    --schema public --schema app --out "$DIR/out" >/dev/null 2>&1)
  sleep 0.3 # let the logger flush
  tail -n +"$((start + 1))" "$DIR/server.log" > "$DIR/run_$n.log"
  python3 - "$DIR/run_$n.log" "$n" "$db" <<'PY'
import re, sys
path, n, db = sys.argv[1:]
# log entries start with the log_line_prefix "<date> <time> <tz> [<pid>] user=<u> db=<d> ";
# SQL text continues on the following lines
entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \S+ \S+ \[\d+\] )", open(path).read())
entries = [e for e in entries if f" user=gt_counter db={db} " in e.split("\n", 1)[0]]
stmts = cmds = 0
order, ms = [], {}  # statement -> server ms (parse + bind + execute)
last = None


def label(body):
    lines = [l.strip() for l in body.strip().splitlines() if l.strip()]
    comment = next((l for l in lines if l.startswith("--")), None)
    return (comment or " ".join(lines))[:80]


for e in entries:
    m = re.search(r"LOG:  (statement: |execute ([^:]*): |duration: ([0-9.]+) ms(?:  (parse|bind) ([^:]*): )?)(.*)", e, re.S)
    if not m:
        continue
    body = m.group(6) or ""
    if m.group(1) == "statement: " or m.group(2) is not None:
        stmts += 1
        cmds += len([p for p in body.split(";") if p.strip()]) if m.group(2) is None else 1
        last = (m.group(2) or "simple") + "  " + label(body)
    elif m.group(4):  # parse/bind of a named statement, logged before its execute
        last = None
        key = m.group(5) + "  " + label(body)
        if key not in ms:
            order.append(key)
            ms[key] = 0.0
        ms[key] += float(m.group(3))
        continue
    else:
        if last is not None:
            ms[last] += float(m.group(3))
        continue
    if last not in ms:
        order.append(last)
        ms[last] = 0.0
print(f"queries N={n} statements={stmts} sql_commands={cmds} server_ms={sum(ms.values()):.0f}")
for k in order:
    print(f"    {ms[k]:8.1f} ms  {k}")
PY
done
