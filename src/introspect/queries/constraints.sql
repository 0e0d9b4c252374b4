-- Primary keys, unique constraints, foreign keys and checks of the selected relations,
-- with their columns in key order (checks also as text). $1: schema names; $2: include extension objects.
SELECT coalesce(json_agg(x), '[]')::text
FROM (
  SELECT n.nspname AS schema,
         c.relname AS relation,
         con.conname AS name,
         con.contype::text AS kind,
         -- Attribute numbers; their names are in the columns query's result.
         to_json(con.conkey) AS keys,
         fn.nspname AS referenced_schema,
         fc.relname AS referenced_relation,
         -- The referenced relation may be outside the selected schemas: names here.
         CASE WHEN con.contype = 'f' THEN (
           SELECT json_agg(a.attname ORDER BY array_position(con.confkey, a.attnum))
           FROM pg_attribute a
           WHERE a.attrelid = con.confrelid AND a.attnum = ANY (con.confkey)
         ) END AS referenced_columns,
         con.confupdtype::text AS on_update,
         con.confdeltype::text AS on_delete,
         CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END AS definition
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class fc ON fc.oid = con.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
    AND NOT c.relispartition
    AND con.contype IN ('p', 'u', 'f', 'c')
    AND con.conparentid = 0
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
) x
