-- The selected schemas that exist. $1: schema names.
SELECT coalesce(json_agg(s ORDER BY s.name), '[]')::text
FROM (
  SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment
  FROM pg_namespace n
  WHERE n.nspname = ANY ($1::text[])
) s
