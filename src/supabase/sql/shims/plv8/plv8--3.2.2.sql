-- gen-types shim for plv8 3.2.2: the plv8 language, so that functions written in it are
-- created with their signatures, its array domains, and plv8_version(), plv8_info(),
-- plv8_reset(). The validator checks nothing and the call handler is plpgsql's: function
-- bodies are stored unchecked and calling one fails (no JavaScript engine); DO blocks in
-- plv8 are refused (the inline handler exists but is not attached). Written for gen-types;
-- see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION plv8" to load this file. \quit

CREATE FUNCTION plv8_call_handler() RETURNS language_handler
    LANGUAGE c
    AS '$libdir/plpgsql', 'plpgsql_call_handler';

CREATE FUNCTION plv8_inline_handler(internal) RETURNS void
    LANGUAGE c
    AS '$libdir/plpgsql', 'plpgsql_inline_handler';

CREATE FUNCTION plv8_call_validator(oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;

CREATE TRUSTED LANGUAGE plv8 HANDLER plv8_call_handler VALIDATOR plv8_call_validator;
COMMENT ON LANGUAGE plv8 IS 'PL/JavaScript (v8) trusted procedural language';

CREATE DOMAIN plv8_int2array AS smallint[];
CREATE DOMAIN plv8_int4array AS integer[];
CREATE DOMAIN plv8_float4array AS real[];
CREATE DOMAIN plv8_float8array AS double precision[];
CREATE DOMAIN plv8_int8array AS bigint[];

CREATE FUNCTION plv8_version() RETURNS text
    LANGUAGE sql STABLE
    AS $fn$ SELECT '3.2.2'::text $fn$;
CREATE FUNCTION plv8_reset() RETURNS void
    LANGUAGE sql
    AS $fn$ SELECT $fn$;
CREATE FUNCTION plv8_info() RETURNS json
    LANGUAGE sql
    AS $fn$ SELECT '[]'::json $fn$;
REVOKE ALL ON FUNCTION plv8_info() FROM PUBLIC;
