-- Primary keys, unique constraints, foreign keys and checks of the selected relations,
-- with their columns in key order. $1: schema names; $2: include extension objects.
SELECT coalesce(json_agg(x), '[]')::text
FROM (
  SELECT n.nspname AS schema,
         c.relname AS relation,
         con.conname AS name,
         con.contype::text AS kind,
         (SELECT json_agg(a.attname ORDER BY k.ord)
          FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
         fn.nspname AS referenced_schema,
         fc.relname AS referenced_relation,
         (SELECT json_agg(a.attname ORDER BY k.ord)
          FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS referenced_columns,
         con.confupdtype::text AS on_update,
         con.confdeltype::text AS on_delete,
         pg_get_constraintdef(con.oid) AS definition
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
