-- Supabase platform baseline, part 6: what the platform installs for its other services:
-- pg_net (database webhooks) and supabase_vault, which on a server without them are the
-- gen-types shims (see ../README.md); the supabase_functions schema behind database webhooks;
-- the graphql_public.graphql() entry point PostgREST exposes. Written for gen-types.

CREATE EXTENSION IF NOT EXISTS pg_net WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS supabase_vault WITH SCHEMA vault;

GRANT USAGE ON SCHEMA net TO supabase_functions_admin, postgres, anon, authenticated, service_role;

-- Database webhooks: a trigger function that queues an HTTP request through pg_net and
-- records it in hooks.
SET ROLE supabase_functions_admin;

CREATE TABLE supabase_functions.migrations (
    version text NOT NULL PRIMARY KEY,
    inserted_at timestamp with time zone DEFAULT now() NOT NULL
);
INSERT INTO supabase_functions.migrations (version) VALUES ('initial'), ('20210809183423_update_grants');

CREATE TABLE supabase_functions.hooks (
    id bigserial PRIMARY KEY,
    hook_table_id integer NOT NULL,
    hook_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    request_id bigint
);
CREATE INDEX supabase_functions_hooks_request_id_idx ON supabase_functions.hooks (request_id);
CREATE INDEX supabase_functions_hooks_h_table_id_h_name_idx ON supabase_functions.hooks (hook_table_id, hook_name);
COMMENT ON TABLE supabase_functions.hooks IS 'Supabase Functions Hooks: Audit trail for triggered hooks.';

-- Trigger arguments: url, method (GET or POST), headers, params, timeout in milliseconds.
CREATE FUNCTION supabase_functions.http_request() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = supabase_functions
    AS $fn$
DECLARE
    arg_url text := TG_ARGV[0];
    arg_method text := TG_ARGV[1];
    arg_headers jsonb := coalesce(nullif(TG_ARGV[2], 'null')::jsonb, '{"Content-Type": "application/json"}');
    arg_params jsonb := coalesce(nullif(TG_ARGV[3], 'null')::jsonb, '{}');
    arg_timeout integer := coalesce(nullif(TG_ARGV[4], 'null')::integer, 1000);
    queued bigint;
BEGIN
    IF arg_url IS NULL OR arg_url = 'null' THEN
        RAISE EXCEPTION 'url argument is missing';
    END IF;
    IF arg_method = 'GET' THEN
        queued := net.http_get(arg_url, arg_params, arg_headers, arg_timeout);
    ELSIF arg_method = 'POST' THEN
        queued := net.http_post(arg_url,
            jsonb_build_object('old_record', OLD, 'record', NEW, 'type', TG_OP,
                               'table', TG_TABLE_NAME, 'schema', TG_TABLE_SCHEMA),
            arg_params, arg_headers, arg_timeout);
    ELSE
        RAISE EXCEPTION 'method argument % is invalid', arg_method;
    END IF;
    INSERT INTO supabase_functions.hooks (hook_table_id, hook_name, request_id)
    VALUES (TG_RELID, TG_NAME, queued);
    RETURN NEW;
END
$fn$;

RESET ROLE;

REVOKE ALL ON FUNCTION supabase_functions.http_request() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION supabase_functions.http_request() TO postgres, anon, authenticated, service_role;
GRANT ALL ON ALL TABLES IN SCHEMA supabase_functions TO postgres, anon, authenticated, service_role;
GRANT ALL ON ALL SEQUENCES IN SCHEMA supabase_functions TO postgres, anon, authenticated, service_role;

-- PostgREST's GraphQL entry point. Until pg_graphql is enabled it answers with an error
-- document, as the platform's placeholder does; the signature is the one both share.
CREATE FUNCTION graphql_public.graphql("operationName" text DEFAULT NULL::text, query text DEFAULT NULL::text, variables jsonb DEFAULT NULL::jsonb, extensions jsonb DEFAULT NULL::jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    IF to_regproc('graphql.resolve') IS NOT NULL THEN
        RETURN graphql.resolve(query := query, variables := coalesce(variables, '{}'),
            "operationName" := "operationName", extensions := extensions);
    END IF;
    RETURN jsonb_build_object('errors', jsonb_build_array(jsonb_build_object(
        'message', 'pg_graphql extension is not enabled.')));
END
$fn$;
GRANT EXECUTE ON FUNCTION graphql_public.graphql(text, text, jsonb, jsonb) TO postgres, anon, authenticated, service_role;

-- The platform lets postgres read and manage secrets (and reference them in foreign keys).
GRANT ALL ON vault.secrets, vault.decrypted_secrets TO postgres WITH GRANT OPTION;
GRANT EXECUTE ON FUNCTION vault.create_secret(text, text, text, uuid),
    vault.update_secret(uuid, text, text, text, uuid) TO postgres WITH GRANT OPTION;
GRANT ALL ON vault.secrets, vault.decrypted_secrets TO service_role;
