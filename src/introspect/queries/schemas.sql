-- The selected schemas that exist. $1: schema names.
SELECT coalesce(json_agg(s ORDER BY s.name), '[]')::text
FROM (
  SELECT n.nspname AS name, ds.description AS comment
  FROM pg_namespace n
  LEFT JOIN pg_description ds
    ON ds.objoid = n.oid AND ds.classoid = 'pg_namespace'::regclass AND ds.objsubid = 0
  WHERE n.nspname = ANY ($1::text[])
) s
