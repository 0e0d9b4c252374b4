-- The floor: one catalog query that reads every column of every table, view, materialized
-- view, foreign table and composite type in the benchmarked schemas, with what a type
-- generator needs at the least: type, nullability, default, identity/generated, array
-- dimensions, comment. Anything that introspects the catalog pays at least this much.
SELECT ns.nspname,
       rel.relname,
       rel.relkind,
       att.attnum,
       att.attname,
       pg_catalog.format_type(att.atttypid, att.atttypmod),
       att.attnotnull,
       att.attndims,
       att.attidentity,
       att.attgenerated,
       pg_catalog.pg_get_expr(def.adbin, def.adrelid),
       pg_catalog.col_description(rel.oid, att.attnum)
FROM pg_catalog.pg_class rel
JOIN pg_catalog.pg_namespace ns ON ns.oid = rel.relnamespace
JOIN pg_catalog.pg_attribute att ON att.attrelid = rel.oid
LEFT JOIN pg_catalog.pg_attrdef def ON def.adrelid = rel.oid AND def.adnum = att.attnum
WHERE ns.nspname IN ('public', 'app')
  AND rel.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  AND att.attnum > 0
  AND NOT att.attisdropped
ORDER BY ns.nspname, rel.relname, att.attnum;
