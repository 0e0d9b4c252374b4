-- Functions and procedures of the selected schemas (aggregates and window functions are
-- left out). $1: schema names; $2: include objects that belong to extensions; $3: include
-- the functions Postgres creates implicitly.
SELECT coalesce(json_agg(x), '[]')::text
FROM (
  SELECT n.nspname AS schema,
         p.proname AS name,
         p.prokind::text AS kind,
         pg_get_function_identity_arguments(p.oid) AS identity_args,
         to_json(coalesce(p.proallargtypes, p.proargtypes::oid[])::int8[]) AS arg_types,
         (SELECT json_agg(format_type(u.t, NULL) ORDER BY u.o)
          FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(t, o)) AS arg_sql,
         to_json(p.proargmodes::text[]) AS arg_modes,
         to_json(p.proargnames) AS arg_names,
         p.pronargdefaults AS n_defaults,
         pg_get_expr(p.proargdefaults, 0) AS defaults,
         p.prorettype::int8 AS return_type,
         format_type(p.prorettype, NULL) AS return_sql,
         p.proretset AS returns_set,
         p.prorows AS rows,
         p.provolatile::text AS volatility,
         l.lanname AS language,
         p.prosecdef AS security_definer,
         p.proisstrict AS strict,
         ds.description AS comment,
         -- The owning extension (only when extension objects are read: else there is none).
         CASE WHEN $2::bool THEN (
           SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
           WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
             AND d.refclassid = 'pg_extension'::regclass LIMIT 1
         ) END AS extension
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
  -- Comments by join: obj_description() is an SQL function, slow when called per row.
  LEFT JOIN pg_description ds
    ON ds.objoid = p.oid AND ds.classoid = 'pg_proc'::regclass AND ds.objsubid = 0
  WHERE n.nspname = ANY ($1::text[])
    AND p.prokind IN ('f', 'p')
    -- Functions Postgres creates implicitly (multirange constructors) depend on their type.
    AND ($3::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i'))
    AND ($2::bool OR NOT EXISTS (
      SELECT 1 FROM pg_depend d
      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'))
) x
