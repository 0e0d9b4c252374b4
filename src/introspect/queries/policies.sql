-- Row-level security policies of the selected relations.
-- $1: schema names; $2: include objects that belong to extensions; $3: include partitions.
SELECT coalesce(json_agg(x), '[]')::text
FROM (
  SELECT n.nspname AS schema,
         c.relname AS relation,
         pol.polname AS name,
         pol.polcmd::text AS command,
         pol.polpermissive AS permissive,
         CASE WHEN 0::oid = ANY (pol.polroles) THEN '["public"]'::json
              ELSE (SELECT json_agg(r.rolname) FROM pg_roles r WHERE r.oid = ANY (pol.polroles))
         END AS roles,
         pg_get_expr(pol.polqual, pol.polrelid) AS using_expr,
         pg_get_expr(pol.polwithcheck, pol.polrelid) AS with_check
  FROM pg_policy pol
  JOIN pg_class c ON c.oid = pol.polrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND ($3::bool OR NOT c.relispartition)
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
) x
