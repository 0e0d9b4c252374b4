// Prints, for each candidate, whether the named schema of a compiled database.schemas.js
// accepts it.
//
//   node zod_verdicts.mjs <database.schemas.js> <candidates.json>
// candidates.json: [{ "schema", "relation", "kind": "Tables"|"Views", "which": "Insert"|"Update", "value" }]
import { readFileSync } from "node:fs"
import { pathToFileURL } from "node:url"

const [modulePath, candidatesPath] = process.argv.slice(2)
const { Schemas } = await import(pathToFileURL(modulePath).href)
const candidates = JSON.parse(readFileSync(candidatesPath, "utf8"))
const verdicts = candidates.map((c) => {
  const result = Schemas[c.schema][c.kind][c.relation][c.which].safeParse(c.value)
  return result.success ? null : result.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")
})
process.stdout.write(JSON.stringify(verdicts))
