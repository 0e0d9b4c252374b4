-- gen-types shim for pg_jsonschema 0.3.4: json_matches_schema(), jsonb_matches_schema(),
-- jsonschema_is_valid() and jsonschema_validation_errors() with the extension's signatures.
-- Nothing is validated: every instance matches and every schema is valid, so that CHECK
-- constraints using them apply to existing rows. Written for gen-types; see
-- src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pg_jsonschema" to load this file. \quit

CREATE FUNCTION json_matches_schema(schema json, instance json) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT true $fn$;
CREATE FUNCTION jsonb_matches_schema(schema json, instance jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT true $fn$;
CREATE FUNCTION jsonschema_is_valid(schema json) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT true $fn$;
CREATE FUNCTION jsonschema_validation_errors(schema json, instance json) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT '{}'::text[] $fn$;
