// Parses rows with the Row schemas of a compiled database.schemas.js and prints the
// failures as JSON. Rows come from a JSON file (to_jsonb output, the postgrest profile) or,
// with --pg URL, straight from the `pg` driver (the node-postgres profile).
//
//   node zod_rows.mjs <database.schemas.js> <relations.json> [--pg <url>]
// relations.json: [{ "schema", "relation", "kind": "Tables"|"Views", "rows"?: [...] }]
import { readFileSync } from "node:fs"
import { pathToFileURL } from "node:url"
import pg from "pg"

const [modulePath, relationsPath, flag, url] = process.argv.slice(2)
const { Schemas } = await import(pathToFileURL(modulePath).href)
const relations = JSON.parse(readFileSync(relationsPath, "utf8"))
let client
if (flag === "--pg") {
  client = new pg.Client({ connectionString: url })
  await client.connect()
}
const ident = (s) => '"' + s.replaceAll('"', '""') + '"'
const failures = []
let parsed = 0
for (const r of relations) {
  const schema = Schemas[r.schema][r.kind][r.relation].Row
  const rows = client
    ? (await client.query(`SELECT * FROM ${ident(r.schema)}.${ident(r.relation)}`)).rows
    : r.rows
  rows.forEach((row, i) => {
    parsed++
    const result = schema.safeParse(row)
    if (!result.success) {
      failures.push({ relation: `${r.schema}.${r.relation}`, row: i, issues: result.error.issues.map((x) => ({ path: x.path, message: x.message })) })
    }
  })
}
if (client) await client.end()
process.stdout.write(JSON.stringify({ parsed, failures }))
