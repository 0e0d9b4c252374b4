-- Tables, partitioned tables, foreign tables, views and materialized views of the selected
-- schemas; partitions only with $3 (else they are folded into their parent).
-- $1: schema names; $2: include objects that belong to extensions; $3: include partitions.
-- Plain rows (one JSON document cost the server a third more, mostly escaping the views'
-- query trees), in the order of the fields of `RelationRow` (rows.rs).
SELECT * FROM (
  SELECT c.oid::int8 AS oid,
         n.nspname::text AS schema,
         c.relname::text AS name,
         c.relkind::text AS kind,
         ds.description AS comment,
         c.relrowsecurity AS rls_enabled,
         c.relforcerowsecurity AS rls_forced,
         CASE WHEN c.relkind IN ('v', 'f') THEN pg_relation_is_updatable(c.oid, false) END AS updatable_mask,
         -- Views: the commands INSTEAD OF triggers (tgtype bit 64; 4 INSERT, 16 UPDATE,
         -- 8 DELETE) and unconditional DO INSTEAD rules (ev_type 3 INSERT, 2 UPDATE,
         -- 4 DELETE) carry out, as a pg_relation_is_updatable mask (8 INSERT, 4 UPDATE,
         -- 16 DELETE).
         CASE WHEN c.relkind = 'v' THEN (
           SELECT coalesce(bit_or(m), 0) FROM (
             SELECT (CASE WHEN tg.tgtype & 4 <> 0 THEN 8 ELSE 0 END)
                  | (CASE WHEN tg.tgtype & 16 <> 0 THEN 4 ELSE 0 END)
                  | (CASE WHEN tg.tgtype & 8 <> 0 THEN 16 ELSE 0 END) AS m
             FROM pg_trigger tg
             WHERE tg.tgrelid = c.oid AND tg.tgtype & 64 <> 0 AND NOT tg.tgisinternal
             UNION ALL
             SELECT CASE ir.ev_type WHEN '3' THEN 8 WHEN '2' THEN 4 WHEN '4' THEN 16 ELSE 0 END
             FROM pg_rewrite ir
             WHERE ir.ev_class = c.oid AND ir.is_instead AND ir.ev_qual::text = '<>'
           ) instead
         )::int4 END AS instead_of_mask,
         CASE WHEN c.relispartition THEN (
           SELECT pn.nspname || '.' || pc.relname
           FROM pg_inherits i
           JOIN pg_class pc ON pc.oid = i.inhparent
           JOIN pg_namespace pn ON pn.oid = pc.relnamespace
           WHERE i.inhrelid = c.oid
         ) END AS partition_of,
         -- The owning extension (only when extension objects are read: else there is none).
         CASE WHEN $2::bool THEN (
           SELECT e.extname::text FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
             AND d.refclassid = 'pg_extension'::regclass LIMIT 1
         ) END AS extension,
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
    AND ($3::bool OR NOT c.relispartition)
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
) r
