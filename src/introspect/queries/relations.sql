-- Tables, partitioned tables (partitions folded in), foreign tables, views and
-- materialized views of the selected schemas.
-- $1: schema names; $2: include objects that belong to extensions.
SELECT coalesce(json_agg(r), '[]')::text
FROM (
  SELECT n.nspname AS schema,
         c.relname AS name,
         c.relkind::text AS kind,
         obj_description(c.oid, 'pg_class') AS comment,
         c.relrowsecurity AS rls_enabled,
         c.relforcerowsecurity AS rls_forced,
         CASE WHEN c.relkind IN ('v', 'f') THEN pg_relation_is_updatable(c.oid, false) END AS updatable_mask,
         CASE WHEN c.relkind = 'p' THEN (
           SELECT json_agg(pn.nspname || '.' || pc.relname)
           FROM pg_partition_tree(c.oid::regclass) pt
           JOIN pg_class pc ON pc.oid = pt.relid
           JOIN pg_namespace pn ON pn.oid = pc.relnamespace
           WHERE pt.relid <> c.oid::regclass
         ) END AS partitions
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
    AND NOT c.relispartition
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
) r
