// Reads every row of the given relations with the `pg` driver (node-postgres, default type
// parsers) and prints them as JSON, tagging what JSON cannot hold: Date as {"$date": iso},
// Buffer as {"$bytes": [..]}, ±Infinity and NaN as {"$number": "Infinity"}. Used by tests/typescript.rs to check the node-postgres
// transport profile against real values.
//
//   node pg_rows.mjs <postgres-url> '<json array of [schema, relation]>'
import pg from "pg"

const [url, relationsJson] = process.argv.slice(2)
const client = new pg.Client({ connectionString: url })
await client.connect()
const tag = (v) => {
  if (typeof v === "number" && !Number.isFinite(v)) return { $number: String(v) }
  if (v instanceof Date) return { $date: isNaN(v.getTime()) ? "invalid" : v.toISOString() }
  if (Buffer.isBuffer(v)) return { $bytes: [...v] }
  if (Array.isArray(v)) return v.map(tag)
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tag(x)]))
  }
  return v
}
const ident = (s) => '"' + s.replaceAll('"', '""') + '"'
const out = []
for (const [schema, relation] of JSON.parse(relationsJson)) {
  const res = await client.query(`SELECT * FROM ${ident(schema)}.${ident(relation)}`)
  out.push(res.rows.map((row) => tag({ ...row })))
}
await client.end()
process.stdout.write(JSON.stringify(out))
