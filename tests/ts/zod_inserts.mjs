// Parses rows read back from Postgres with the Insert schemas of a compiled
// database.schemas.js and prints the failures as JSON.
//
//   node zod_inserts.mjs <database.schemas.js> <rows.json>
// rows.json: [{ "schema", "relation", "rows": [...] }] (rows as to_jsonb gives them)
import { readFileSync } from "node:fs"
import { pathToFileURL } from "node:url"

const [modulePath, rowsPath] = process.argv.slice(2)
const { Schemas } = await import(pathToFileURL(modulePath).href)
const failures = []
let parsed = 0
for (const r of JSON.parse(readFileSync(rowsPath, "utf8"))) {
  const schema = Schemas[r.schema].Tables[r.relation].Insert
  r.rows.forEach((row, i) => {
    parsed++
    const result = schema.safeParse(row)
    if (!result.success) {
      failures.push({ relation: `${r.schema}.${r.relation}`, row: i, value: row, issues: result.error.issues.map((x) => ({ path: x.path, message: x.message })) })
    }
  })
}
process.stdout.write(JSON.stringify({ parsed, failures }))
