-- Supabase platform baseline, part 8: the event triggers through which the platform gives
-- postgres (and the API roles) access to what pg_cron, pg_net and pg_graphql create when a
-- migration enables them (as whichever role runs CREATE EXTENSION). Written for gen-types; see ../README.md.

CREATE FUNCTION extensions.grant_pg_cron_access() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER
    AS $fn$
BEGIN
    IF EXISTS (SELECT FROM pg_event_trigger_ddl_commands() AS ev
               JOIN pg_extension AS e ON ev.objid = e.oid WHERE e.extname = 'pg_cron') THEN
        GRANT USAGE ON SCHEMA cron TO postgres WITH GRANT OPTION;
        GRANT ALL ON ALL FUNCTIONS IN SCHEMA cron TO postgres WITH GRANT OPTION;
        GRANT ALL ON ALL SEQUENCES IN SCHEMA cron TO postgres WITH GRANT OPTION;
        GRANT ALL ON ALL TABLES IN SCHEMA cron TO postgres WITH GRANT OPTION;
        REVOKE ALL ON TABLE cron.job FROM postgres;
        GRANT SELECT ON TABLE cron.job TO postgres WITH GRANT OPTION;
    END IF;
END
$fn$;
COMMENT ON FUNCTION extensions.grant_pg_cron_access() IS 'Grants access to pg_cron';
CREATE EVENT TRIGGER issue_pg_cron_access ON ddl_command_end WHEN TAG IN ('CREATE EXTENSION')
    EXECUTE PROCEDURE extensions.grant_pg_cron_access();

CREATE FUNCTION extensions.grant_pg_net_access() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER
    AS $fn$
BEGIN
    IF EXISTS (SELECT FROM pg_event_trigger_ddl_commands() AS ev
               JOIN pg_extension AS e ON ev.objid = e.oid WHERE e.extname = 'pg_net') THEN
        GRANT USAGE ON SCHEMA net TO supabase_functions_admin, postgres, anon, authenticated, service_role;
        ALTER FUNCTION net.http_get(text, jsonb, jsonb, integer) SECURITY DEFINER;
        ALTER FUNCTION net.http_post(text, jsonb, jsonb, jsonb, integer) SECURITY DEFINER;
        REVOKE ALL ON FUNCTION net.http_get(text, jsonb, jsonb, integer) FROM PUBLIC;
        REVOKE ALL ON FUNCTION net.http_post(text, jsonb, jsonb, jsonb, integer) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION net.http_get(text, jsonb, jsonb, integer),
            net.http_post(text, jsonb, jsonb, jsonb, integer)
            TO supabase_functions_admin, postgres, anon, authenticated, service_role;
    END IF;
END
$fn$;
COMMENT ON FUNCTION extensions.grant_pg_net_access() IS 'Grants access to pg_net';
CREATE EVENT TRIGGER issue_pg_net_access ON ddl_command_end WHEN TAG IN ('CREATE EXTENSION')
    EXECUTE PROCEDURE extensions.grant_pg_net_access();

CREATE FUNCTION extensions.grant_pg_graphql_access() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER
    AS $fn$
BEGIN
    IF EXISTS (SELECT FROM pg_event_trigger_ddl_commands() AS ev
               JOIN pg_extension AS e ON ev.objid = e.oid WHERE e.extname = 'pg_graphql') THEN
        GRANT USAGE ON SCHEMA graphql TO postgres, anon, authenticated, service_role;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphql TO postgres, anon, authenticated, service_role;
        GRANT SELECT ON ALL TABLES IN SCHEMA graphql TO postgres, anon, authenticated, service_role;
        GRANT ALL ON ALL SEQUENCES IN SCHEMA graphql TO postgres, anon, authenticated, service_role;
    END IF;
END
$fn$;
COMMENT ON FUNCTION extensions.grant_pg_graphql_access() IS 'Grants access to pg_graphql';
CREATE EVENT TRIGGER issue_pg_graphql_access ON ddl_command_end WHEN TAG IN ('CREATE EXTENSION')
    EXECUTE PROCEDURE extensions.grant_pg_graphql_access();

-- pg_net is enabled by the baseline itself (part 6), before these triggers existed.
GRANT EXECUTE ON FUNCTION net.http_get(text, jsonb, jsonb, integer),
    net.http_post(text, jsonb, jsonb, jsonb, integer)
    TO supabase_functions_admin, postgres, anon, authenticated, service_role;
