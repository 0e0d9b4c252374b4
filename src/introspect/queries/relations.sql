-- Tables, partitioned tables (partitions folded in), foreign tables, views and
-- materialized views of the selected schemas.
-- $1: schema names; $2: include objects that belong to extensions.
SELECT coalesce(json_agg(r), '[]')::text
FROM (
  SELECT c.oid::int8 AS oid,
         n.nspname AS schema,
         c.relname AS name,
         c.relkind::text AS kind,
         ds.description AS comment,
         c.relrowsecurity AS rls_enabled,
         c.relforcerowsecurity AS rls_forced,
         CASE WHEN c.relkind IN ('v', 'f') THEN pg_relation_is_updatable(c.oid, false) END AS updatable_mask,
         CASE WHEN c.relkind = 'p' THEN (
           SELECT json_agg(pn.nspname || '.' || pc.relname)
           FROM pg_partition_tree(c.oid::regclass) pt
           JOIN pg_class pc ON pc.oid = pt.relid
           JOIN pg_namespace pn ON pn.oid = pc.relnamespace
           WHERE pt.relid <> c.oid::regclass
         ) END AS partitions,
         -- Views: the query tree (its top-level target entries name each column's source)
         -- and the columns it depends on, to resolve those sources to names.
         rw.ev_action::text AS view_query,
         CASE WHEN rw.oid IS NOT NULL THEN (
           SELECT json_agg(json_build_object(
                    'oid', d.refobjid::int8, 'attnum', d.refobjsubid, 'schema', dn.nspname,
                    'relation', dc.relname, 'column', da.attname, 'not_null', da.attnotnull))
           FROM pg_depend d
           JOIN pg_class dc ON dc.oid = d.refobjid
           JOIN pg_namespace dn ON dn.oid = dc.relnamespace
           JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
           WHERE d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
             AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
         ) END AS view_deps
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  -- Comments by join: obj_description() is an SQL function, slow when called per row.
  LEFT JOIN pg_description ds
    ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
  LEFT JOIN pg_rewrite rw ON rw.ev_class = c.oid AND rw.rulename = '_RETURN' AND c.relkind IN ('v', 'm')
  WHERE n.nspname = ANY ($1::text[])
    AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
    AND NOT c.relispartition
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
) r
