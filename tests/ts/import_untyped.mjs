// Transpiles every .ts file of a folder WITHOUT type checking (ts.transpileModule, as
// esbuild, swc and Next.js do), imports each module under node and prints what it left
// on globalThis: catalog text that broke out of a comment, string or type position would
// run here even where tsc reports errors.
//
//   node import_untyped.mjs <folder>
// prints { "imported": [files], "added": [globalThis keys the imports added] }
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import ts from "typescript"

const dir = process.argv[2]
const out = join(dir, "untyped")
mkdirSync(out, { recursive: true })
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"))
for (const f of files) {
  const { outputText } = ts.transpileModule(readFileSync(join(dir, f), "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: f,
  })
  // Relative imports name the sibling module's .mjs file.
  const js = outputText.replace(/from "(\.\/[^"]+?)(\.ts|\.js)?"/g, 'from "$1.mjs"')
  writeFileSync(join(out, f.replace(/\.ts$/, ".mjs")), js)
}
const before = new Set(Object.getOwnPropertyNames(globalThis))
const imported = []
for (const f of files) {
  await import(pathToFileURL(join(out, f.replace(/\.ts$/, ".mjs"))).href)
  imported.push(f)
}
const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k))
process.stdout.write(JSON.stringify({ imported, added }))
