-- gen-types shim for plv8 3.2.4: the plv8 language, so that functions written in it are
-- created with their signatures, and plv8_version(), plv8_info(), plv8_reset(). The language
-- has no validator and its call handler is plpgsql's: function bodies are stored unchecked and
-- calling one fails (no JavaScript engine); DO blocks in plv8 are refused (no inline
-- handler). Written for gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION plv8" to load this file. \quit

CREATE FUNCTION plv8_call_handler() RETURNS language_handler
    LANGUAGE c
    AS '$libdir/plpgsql', 'plpgsql_call_handler';

CREATE TRUSTED LANGUAGE plv8 HANDLER plv8_call_handler;
COMMENT ON LANGUAGE plv8 IS 'PL/JavaScript (v8) trusted procedural language';

CREATE FUNCTION plv8_version() RETURNS text
    LANGUAGE sql STABLE STRICT
    AS $fn$ SELECT '3.2.4'::text $fn$;
CREATE FUNCTION plv8_info() RETURNS json
    LANGUAGE sql STABLE STRICT
    AS $fn$ SELECT '[]'::json $fn$;
CREATE FUNCTION plv8_reset() RETURNS void
    LANGUAGE sql VOLATILE STRICT
    AS $fn$ SELECT $fn$;
