-- Primary keys, unique constraints, foreign keys and checks of the selected relations,
-- with their columns in key order (checks also as text). $1: schema names; $2: include
-- extension objects; $3: include partitions.
-- Plain rows (not JSON, which cost the server a third of the time), in the order of the
-- fields of `ConstraintRow` (rows.rs); the casts fix each column's type.
SELECT n.nspname::text,                         -- schema
       c.relname::text,                         -- relation
       con.conname::text,                       -- name
       con.contype::text,                       -- kind
       -- Attribute numbers; their names are in the columns query's result.
       con.conkey::int4[],                      -- keys
       fn.nspname::text,                        -- referenced_schema
       fc.relname::text,                        -- referenced_relation
       -- The referenced columns' attribute numbers, named by the client from the
       -- columns result; by name here only when the referenced relation is not among
       -- the relations read (another schema, an extension's table, a partition).
       CASE WHEN con.contype = 'f' THEN con.confkey::int4[] END, -- referenced_keys
       CASE WHEN con.contype = 'f' AND NOT (
              fn.nspname = ANY ($1::text[])
              AND fc.relkind IN ('r', 'p', 'f', 'v', 'm')
              AND ($3::bool OR NOT fc.relispartition)
              AND ($2::bool OR NOT EXISTS (
                SELECT 1 FROM pg_depend d
                WHERE d.classid = 'pg_class'::regclass AND d.objid = fc.oid AND d.deptype = 'e')))
       THEN (
         SELECT array_agg(a.attname::text ORDER BY array_position(con.confkey, a.attnum))
         FROM pg_attribute a
         WHERE a.attrelid = con.confrelid AND a.attnum = ANY (con.confkey)
       ) END,                                   -- referenced_columns
       con.confupdtype::text,                   -- on_update
       con.confdeltype::text,                   -- on_delete
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END -- definition
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE n.nspname = ANY ($1::text[])
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
  AND ($3::bool OR NOT c.relispartition)
  AND con.contype IN ('p', 'u', 'f', 'c')
  -- A partition's keys are its own (they have a parent constraint); its foreign keys and
  -- the per-partition copies of foreign keys to a partitioned table are left out.
  AND (con.conparentid = 0 OR (c.relispartition AND con.contype IN ('p', 'u')))
  AND ($2::bool OR NOT EXISTS (
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
