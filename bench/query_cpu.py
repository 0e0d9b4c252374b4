#!/usr/bin/env python3
"""Server CPU time of one catalog query: the backend's utime+stime over N executions.

    python3 bench/query_cpu.py src/introspect/queries/columns.sql [DB] [N]

Wall times on a shared 2-core machine swing by 2x; the CPU the backend spends on a query is
steadier. `$1` is bound to ['public', 'app'] and `$2` and `$3` to false (the queries' parameters).
Needs psycopg2 (`pip install psycopg2-binary`) and a server on this machine (it reads
/proc/<backend pid>/stat). Connection: PGHOST (127.0.0.1), PGUSER (postgres).
"""
import os
import re
import sys

import psycopg2

path = sys.argv[1]
db = sys.argv[2] if len(sys.argv) > 2 else "gt_bench_1000"
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10
text = open(path).read()
values = {"1": ["public", "app"], "2": False, "3": False}
args = [values[m] for m in re.findall(r"\$(\d)", text)]
sql = re.sub(r"\$\d", "%s", text.replace("%", "%%"))
conn = psycopg2.connect(
    dbname=db,
    host=os.environ.get("PGHOST", "127.0.0.1"),
    user=os.environ.get("PGUSER", "postgres"),
)
cur = conn.cursor()
cur.execute("SET jit = off")
cur.execute("SELECT pg_backend_pid()")
pid = cur.fetchone()[0]


def cpu_ticks():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


cur.execute(sql, args)
cur.fetchall()
before = cpu_ticks()
for _ in range(n):
    cur.execute(sql, args)
    cur.fetchall()
after = cpu_ticks()
ms = (after - before) * 1000 / os.sysconf("SC_CLK_TCK") / n
print(f"{ms:.1f} ms  {os.path.basename(path)}")
