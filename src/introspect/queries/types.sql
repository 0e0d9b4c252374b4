-- Every type reachable from the selected relations and functions, plus the enums, domains,
-- composites and ranges defined in the selected schemas; closed over array elements,
-- domain bases, composite attributes and range subtypes.
-- $1: schema names; $2: include objects that belong to extensions.
WITH RECURSIVE seed(oid) AS (
  SELECT a.atttypid
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY ($1::text[])
    AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
    AND NOT c.relispartition
    AND a.attnum > 0 AND NOT a.attisdropped
  UNION
  SELECT unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]) || p.prorettype)
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = ANY ($1::text[]) AND p.prokind IN ('f', 'p')
  UNION
  SELECT t.oid
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_class c ON c.oid = t.typrelid
  WHERE n.nspname = ANY ($1::text[])
    AND (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND c.relkind = 'c'))
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'))
),
closure(oid) AS (
  SELECT oid FROM seed
  UNION
  SELECT dep.oid
  FROM closure cl
  JOIN pg_type t ON t.oid = cl.oid
  CROSS JOIN LATERAL (
    SELECT t.typelem WHERE t.typelem <> 0
    UNION ALL SELECT t.typbasetype WHERE t.typbasetype <> 0
    UNION ALL SELECT r.rngsubtype FROM pg_range r WHERE t.typtype = 'r' AND r.rngtypid = t.oid
    UNION ALL SELECT r.rngtypid FROM pg_range r
      WHERE t.typtype = 'm' AND (to_jsonb(r) ->> 'rngmultitypid')::oid = t.oid
    UNION ALL
    SELECT a.atttypid
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND c.relkind = 'c' AND a.attnum > 0 AND NOT a.attisdropped
  ) dep(oid)
)
SELECT coalesce(json_agg(x), '[]')::text
FROM (
  SELECT t.oid::int8 AS oid,
         n.nspname AS schema,
         t.typname AS name,
         t.typtype::text AS typtype,
         t.typcategory::text AS category,
         CASE WHEN t.typtype = 'b' AND t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem::int8 END AS elem,
         nullif(t.typbasetype, 0)::int8 AS base,
         t.typtypmod AS base_typmod,
         t.typndims AS base_ndims,
         CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_sql,
         t.typnotnull AS not_null,
         t.typdefault AS default_expr,
         c.relkind::text AS relkind,
         CASE WHEN t.typtype = 'e' THEN (
           SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid
         ) END AS labels,
         CASE WHEN t.typtype = 'c' AND c.relkind = 'c' THEN (
           SELECT json_agg(json_build_object(
                    'name', a.attname, 'type_oid', a.atttypid::int8, 'typmod', a.atttypmod,
                    'ndims', a.attndims, 'sql', format_type(a.atttypid, a.atttypmod),
                    'comment', ad.description) ORDER BY a.attnum)
           FROM pg_attribute a
           LEFT JOIN pg_description ad
             ON ad.objoid = a.attrelid AND ad.classoid = 'pg_class'::regclass AND ad.objsubid = a.attnum
           WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
         ) END AS attributes,
         CASE WHEN t.typtype = 'r' THEN (SELECT r.rngsubtype::int8 FROM pg_range r WHERE r.rngtypid = t.oid) END AS subtype,
         -- (pg_range.rngmultitypid exists from PostgreSQL 14 on; read it through to_jsonb.)
         CASE WHEN t.typtype = 'm' THEN (
           SELECT r.rngtypid::int8 FROM pg_range r WHERE (to_jsonb(r) ->> 'rngmultitypid')::oid = t.oid
         ) END AS range,
         CASE WHEN t.typtype = 'd' THEN (
           SELECT json_agg(json_build_object('name', con.conname, 'definition', pg_get_constraintdef(con.oid))
                           ORDER BY con.conname)
           FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'
         ) END AS checks,
         ds.description AS comment,
         (SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
          WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
            AND d.refclassid = 'pg_extension'::regclass LIMIT 1) AS extension
  FROM closure cl
  JOIN pg_type t ON t.oid = cl.oid
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_class c ON c.oid = t.typrelid
  -- Comments by join: obj_description() is an SQL function, slow when called per row.
  LEFT JOIN pg_description ds
    ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
) x
