-- Supabase platform baseline, part 2: the platform's schemas, who owns them, and the
-- extensions every project starts with. Written for gen-types; see ../README.md.

CREATE SCHEMA IF NOT EXISTS extensions AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS storage AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS realtime AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS vault AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS graphql AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS graphql_public AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS supabase_functions AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS supabase_migrations AUTHORIZATION supabase_admin;
CREATE SCHEMA IF NOT EXISTS pgbouncer AUTHORIZATION pgbouncer;

-- The services own what they migrate.
ALTER SCHEMA auth OWNER TO supabase_admin;
GRANT ALL ON SCHEMA auth TO supabase_auth_admin, dashboard_user, postgres;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
ALTER SCHEMA storage OWNER TO supabase_admin;
GRANT ALL ON SCHEMA storage TO supabase_storage_admin, dashboard_user;
GRANT ALL ON SCHEMA storage TO postgres WITH GRANT OPTION;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
ALTER SCHEMA realtime OWNER TO supabase_realtime_admin;
GRANT USAGE ON SCHEMA realtime TO postgres, anon, authenticated, service_role;
ALTER SCHEMA supabase_functions OWNER TO supabase_admin;
GRANT ALL ON SCHEMA supabase_functions TO supabase_functions_admin;
GRANT USAGE ON SCHEMA supabase_functions TO postgres, anon, authenticated, service_role;
GRANT USAGE ON SCHEMA graphql, graphql_public TO postgres, anon, authenticated, service_role;
GRANT USAGE ON SCHEMA vault TO postgres, service_role;
GRANT ALL ON SCHEMA extensions TO postgres, dashboard_user;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA public TO postgres, anon, authenticated, service_role;
GRANT ALL ON SCHEMA public TO postgres;
-- PostgreSQL 15 stopped granting CREATE on public to everyone; the platform's postgres keeps
-- it through the grant above, as on older majors.

-- Migrations run as postgres, which creates schemas and extensions in the database.
DO $db$
BEGIN
    EXECUTE format('GRANT ALL ON DATABASE %I TO postgres', current_database());
END
$db$;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA extensions;
