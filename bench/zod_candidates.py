#!/usr/bin/env python3
"""Makes the issue-14 candidates for cheaper `tsc` on database.schemas.ts out of a generated
pair (database.types.ts, database.schemas.ts), without changing the emitter:

  python3 bench/zod_candidates.py SRC_DIR OUT_DIR

OUT_DIR/<candidate>/ then holds database.types.ts and:
  inferred/   database.schemas.ts as generated (tsc infers every schema's type)
  annotated/  each export annotated `: z.ZodType<Database[...]>` (tsc checks the initializer
              against the annotation); the types come from `import type { Database } from
              "./database.types"`, standing in for types the module would declare itself
  nocheck/    annotated/ with `// @ts-nocheck` first: the initializers are not checked, the
              exports' types are the annotations
  dts/        database.schemas.d.ts (the annotated declarations only) beside an empty .js
and each candidate a consumer use_all.ts that calls `.parse` of every export (so that every
export's type is needed). The map from export to `Database` path is read from the `Schemas`
object at the end of the module.
"""
import json
import os
import re
import shutil
import sys

EXPORT = re.compile(r"^export const ([\w$]+) =(.*)$")
ENTRY = re.compile(r'^("(?:[^"\\]|\\.)*"|[\w$]+): (\{|[\w$]+,)$')


def database_paths(src):
    """export name -> its path in `Database`, from the `Schemas` object."""
    block = src[src.index("export const Schemas = {") :]
    path, out = [], {}
    for line in block.splitlines()[1:]:
        m = ENTRY.match(line.strip())
        if not m:
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        key = json.loads(m.group(1)) if m.group(1).startswith('"') else m.group(1)
        path = path[: depth - 1] + [key]
        if m.group(2) != "{":
            out[m.group(2)[:-1]] = list(path)
    return out


def annotated(src, paths):
    lines = []
    for line in src.splitlines():
        m = EXPORT.match(line)
        if m and m.group(1) in paths:
            index = "".join(f"[{json.dumps(p)}]" for p in paths[m.group(1)])
            line = f"export const {m.group(1)}: z.ZodType<Database{index}> ={m.group(2)}"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return text.replace(
        'import { z } from "zod"\n',
        'import { z } from "zod"\nimport type { Database } from "./database.types"\n',
        1,
    )


def declarations(annotated_src):
    """The annotated module's declarations: imports, `Json`, each export's annotation."""
    out, skip = [], False
    for line in annotated_src.splitlines():
        if line and not line[0].isspace() and line[0] not in ")]}":
            skip = False
        if skip:
            continue
        m = re.match(r"^export const ([\w$]+): (z\.ZodType<.*>) =", line)
        if m:
            out.append(f"export declare const {m.group(1)}: {m.group(2)}")
            skip = True
        elif line.startswith(("import", "export type Json", "  |")):
            out.append(line)
    return "\n".join(out) + "\n"


def main(src_dir, out_dir):
    src = open(os.path.join(src_dir, "database.schemas.ts")).read()
    paths = database_paths(src)
    ann = annotated(src, paths)
    modules = {
        "inferred": {"database.schemas.ts": src},
        "annotated": {"database.schemas.ts": ann},
        "nocheck": {"database.schemas.ts": "// @ts-nocheck\n" + ann},
        "dts": {"database.schemas.d.ts": declarations(ann), "database.schemas.js": ""},
    }
    names = [n for n in re.findall(r"^export const ([\w$]+)", src, re.M) if n != "Schemas"]
    use_all = ['import * as S from "./database.schemas.js"'] + [
        f"export const p_{n} = (v: unknown) => S.{n}.parse(v)" for n in names
    ]
    for name, files in modules.items():
        d = os.path.join(out_dir, name)
        os.makedirs(d, exist_ok=True)
        shutil.copy(os.path.join(src_dir, "database.types.ts"), d)
        files["use_all.ts"] = "\n".join(use_all) + "\n"
        for f, text in files.items():
            with open(os.path.join(d, f), "w") as fh:
                fh.write(text)
    print(f"{len(paths)} of {len(names)} exports annotated")


if __name__ == "__main__":
    main(*sys.argv[1:3])
