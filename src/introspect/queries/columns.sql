-- Columns of the selected relations (same filter as relations.sql), with type oids that
-- types.sql resolves. $1: schema names; $2: include objects that belong to extensions;
-- $3: include partitions.
-- Plain rows, in no particular order (the client sorts them), not one JSON document: on big
-- schemas building a JSON array per column and aggregating them cost the server a third of
-- this query's time. The columns are those of `ColumnRow::from_row` (rows.rs), in order;
-- the casts fix each one's type on every server version (attndims is int2 from 17 on).
SELECT c.oid::int8,                                -- relation_oid (relations.sql names it)
       a.attnum::int4,                             -- position
       a.attname::text,                            -- name
       a.atttypid::int8,                           -- type_oid
       a.atttypmod,                                -- typmod
       a.attndims::int4,                           -- ndims
       format_type(a.atttypid, a.atttypmod),       -- sql
       a.attnotnull,                               -- not_null
       -- Only a generation expression can name columns; a DEFAULT cannot, and deparsing it
       -- without the relation's context is about 4x cheaper.
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0)
            ELSE pg_get_expr(ad.adbin, ad.adrelid) END, -- default_expr
       a.attidentity::text,                        -- identity
       a.attgenerated::text,                       -- generated
       CASE                                        -- updatable
         WHEN c.relkind IN ('v', 'f') THEN pg_column_is_updatable(c.oid, a.attnum, false)
         WHEN c.relkind = 'm' THEN false
         ELSE a.attgenerated = ''
       END,
       ds.description                              -- comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
-- A join, not col_description(): that SQL function costs ~8 µs a call, 100 ms at 12k columns.
LEFT JOIN pg_description ds
  ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
WHERE n.nspname = ANY ($1::text[])
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
  AND ($3::bool OR NOT c.relispartition)
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND ($2::bool OR NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
