-- Supabase platform baseline, part 1: the platform's roles, their attributes, memberships and
-- settings. Idempotent: a role that exists (the cluster's own superuser may be supabase_admin
-- or postgres) is altered, not created. Written for gen-types; see ../README.md.

DO $roles$
DECLARE
    spec record;
BEGIN
    FOR spec IN
        SELECT * FROM (VALUES
            ('supabase_admin',             'SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS LOGIN INHERIT'),
            ('anon',                       'NOLOGIN INHERIT'),
            ('authenticated',              'NOLOGIN INHERIT'),
            ('service_role',               'NOLOGIN INHERIT BYPASSRLS'),
            ('authenticator',              'LOGIN NOINHERIT'),
            ('supabase_auth_admin',        'LOGIN NOINHERIT NOREPLICATION'),
            ('supabase_storage_admin',     'LOGIN NOINHERIT CREATEROLE NOREPLICATION'),
            ('supabase_functions_admin',   'LOGIN NOINHERIT CREATEROLE NOREPLICATION'),
            ('supabase_realtime_admin',    'NOLOGIN NOINHERIT NOREPLICATION'),
            ('supabase_replication_admin', 'LOGIN REPLICATION'),
            ('supabase_read_only_user',    'LOGIN BYPASSRLS'),
            ('dashboard_user',             'NOLOGIN CREATEDB CREATEROLE REPLICATION'),
            ('pgbouncer',                  'LOGIN')
        ) AS r(name, attributes)
    LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = spec.name) THEN
            EXECUTE format('CREATE ROLE %I', spec.name);
        END IF;
        -- The cluster's bootstrap superuser keeps its attributes (PostgreSQL requires it).
        IF (SELECT oid FROM pg_roles WHERE rolname = spec.name) <> 10 THEN
            EXECUTE format('ALTER ROLE %I WITH %s', spec.name, spec.attributes);
        END IF;
    END LOOP;

    -- postgres is the role migrations run as: on the platform it is not a superuser.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postgres') THEN
        CREATE ROLE postgres;
    END IF;
    IF (SELECT oid FROM pg_roles WHERE rolname = 'postgres') = 10 THEN
        RAISE WARNING 'postgres is this cluster''s bootstrap superuser and stays a superuser; '
            'initialise the cluster with supabase_admin as its superuser to match the platform';
    ELSE
        ALTER ROLE postgres WITH NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS INHERIT;
    END IF;

    -- pg_read_all_data appeared in PostgreSQL 14.
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pg_read_all_data') THEN
        GRANT pg_read_all_data TO supabase_read_only_user;
        GRANT pg_read_all_data TO postgres;
    END IF;
END
$roles$;

-- PostgREST switches from authenticator to the API roles.
GRANT anon, authenticated, service_role TO authenticator;

-- postgres manages the API roles. It is also made a member of the roles that own the
-- platform's tables, which stands in for the supautils extension that lets the platform's
-- non-superuser postgres create policies and triggers on auth, storage and realtime tables.
GRANT anon, authenticated, service_role TO postgres WITH ADMIN OPTION;
GRANT supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin,
    supabase_functions_admin TO postgres;
GRANT pg_monitor, pg_signal_backend TO postgres;
GRANT authenticator TO supabase_storage_admin;
GRANT anon, authenticated, service_role TO supabase_storage_admin;

ALTER ROLE anon SET statement_timeout = '3s';
ALTER ROLE authenticated SET statement_timeout = '8s';
ALTER ROLE authenticator SET statement_timeout = '8s';
ALTER ROLE authenticator SET lock_timeout = '8s';
ALTER ROLE supabase_auth_admin SET search_path = auth;
ALTER ROLE supabase_auth_admin SET idle_in_transaction_session_timeout = 60000;
ALTER ROLE supabase_storage_admin SET search_path = storage;
ALTER ROLE supabase_functions_admin SET search_path = supabase_functions;
ALTER ROLE supabase_admin SET search_path = "$user", public, auth, extensions;
ALTER ROLE postgres SET search_path = "$user", public, extensions;
ALTER ROLE pgbouncer SET search_path = pgbouncer;
