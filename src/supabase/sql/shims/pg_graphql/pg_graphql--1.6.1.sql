-- gen-types shim for pg_graphql 1.6.1: graphql.resolve(), graphql._internal_resolve(),
-- graphql.comment_directive(), graphql.exception() and the schema-version sequence, functions
-- and event triggers, with the extension's signatures. Resolving a query answers with an
-- error document: there is no GraphQL engine. Written for gen-types; see
-- src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pg_graphql" to load this file. \quit

CREATE SEQUENCE graphql.seq_schema_version AS integer CYCLE;

CREATE FUNCTION graphql.increment_schema_version() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER
    AS $fn$
BEGIN
    PERFORM pg_catalog.nextval('graphql.seq_schema_version');
END
$fn$;

CREATE FUNCTION graphql.get_schema_version() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    AS $fn$ SELECT last_value::integer FROM graphql.seq_schema_version $fn$;

CREATE EVENT TRIGGER graphql_watch_ddl ON ddl_command_end
    EXECUTE PROCEDURE graphql.increment_schema_version();
CREATE EVENT TRIGGER graphql_watch_drop ON sql_drop
    EXECUTE PROCEDURE graphql.increment_schema_version();

-- The @graphql({...}) directive of a comment, or {}.
CREATE FUNCTION graphql.comment_directive(comment_ text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT coalesce((regexp_match(comment_, '@graphql\((.+)\)'))[1]::jsonb, '{}'::jsonb) $fn$;

CREATE FUNCTION graphql.exception(message text) RETURNS text
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    RAISE EXCEPTION USING ERRCODE = '22000', MESSAGE = message;
END
$fn$;

CREATE FUNCTION graphql._internal_resolve(query text, variables jsonb DEFAULT '{}'::jsonb, "operationName" text DEFAULT NULL::text, extensions jsonb DEFAULT NULL::jsonb)
    RETURNS jsonb
    LANGUAGE sql
    AS $fn$
SELECT jsonb_build_object('data', NULL, 'errors', jsonb_build_array(jsonb_build_object(
    'message', 'GraphQL queries are not resolved by the gen-types pg_graphql shim')))
$fn$;

CREATE FUNCTION graphql.resolve(query text, variables jsonb DEFAULT '{}'::jsonb, "operationName" text DEFAULT NULL::text, extensions jsonb DEFAULT NULL::jsonb)
    RETURNS jsonb
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    RETURN graphql._internal_resolve(query := query, variables := variables,
        "operationName" := "operationName", extensions := extensions);
END
$fn$;
