-- gen-types shim for Supabase wrappers 0.6.2: for each of its foreign data wrappers the
-- <name>_handler(), <name>_validator() and <name>_meta() functions with the extension's
-- signatures, and the wrappers_fdw_stats table. The handlers are the server's own
-- postgres_fdw handler (so CREATE FOREIGN DATA WRAPPER, SERVER and FOREIGN TABLE apply); the
-- validators accept every option (plpgsql: a validator must not return NULL). Querying a foreign table fails: nothing is fetched.
-- Written for gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION wrappers" to load this file. \quit

CREATE TABLE wrappers_fdw_stats (
    fdw_name text NOT NULL PRIMARY KEY,
    create_times bigint,
    rows_in bigint,
    rows_out bigint,
    bytes_in bigint,
    bytes_out bigint,
    metadata jsonb,
    created_at timestamp with time zone DEFAULT timezone('utc'::text, now()) NOT NULL,
    updated_at timestamp with time zone DEFAULT timezone('utc'::text, now()) NOT NULL
);
COMMENT ON TABLE wrappers_fdw_stats IS 'Wrappers Foreign Data Wrapper statistics';
COMMENT ON COLUMN wrappers_fdw_stats.create_times IS 'Total number of times the FDW instacne has been created';
COMMENT ON COLUMN wrappers_fdw_stats.rows_in IS 'Total rows input from origin';
COMMENT ON COLUMN wrappers_fdw_stats.rows_out IS 'Total rows output to Postgres';
COMMENT ON COLUMN wrappers_fdw_stats.bytes_in IS 'Total bytes input from origin';
COMMENT ON COLUMN wrappers_fdw_stats.bytes_out IS 'Total bytes output to Postgres';
COMMENT ON COLUMN wrappers_fdw_stats.metadata IS 'Metadata specific for the FDW';

CREATE FUNCTION airtable_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION airtable_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION airtable_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'AirtableFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION auth0_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION auth0_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION auth0_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'Auth0Fdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION big_query_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION big_query_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION big_query_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'BigQueryFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION click_house_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION click_house_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION click_house_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'ClickHouseFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION cognito_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION cognito_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION cognito_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'CognitoFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION duckdb_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION duckdb_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION duckdb_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'DuckdbFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION dynamo_db_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION dynamo_db_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION dynamo_db_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'DynamoDbFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION firebase_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION firebase_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION firebase_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'FirebaseFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION hello_world_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION hello_world_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION hello_world_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'HelloWorldFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION iceberg_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION iceberg_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION iceberg_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'IcebergFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION logflare_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION logflare_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION logflare_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'LogflareFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION mongodb_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION mongodb_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION mongodb_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'MongodbFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION mssql_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION mssql_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION mssql_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'MssqlFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION mysql_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION mysql_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION mysql_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'MysqlFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION redis_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION redis_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION redis_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'RedisFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION s3_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION s3_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION s3_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'S3Fdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION s3_vectors_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION s3_vectors_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION s3_vectors_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'S3VectorsFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION stripe_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION stripe_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION stripe_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'StripeFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;

CREATE FUNCTION wasm_fdw_handler() RETURNS fdw_handler
    LANGUAGE c STRICT
    AS '$libdir/postgres_fdw', 'postgres_fdw_handler';
CREATE FUNCTION wasm_fdw_validator(options text[], catalog oid) RETURNS void
    LANGUAGE plpgsql
    AS $fn$ BEGIN END $fn$;
CREATE FUNCTION wasm_fdw_meta() RETURNS TABLE(name text, version text, author text, website text)
    LANGUAGE sql
    AS $fn$ SELECT 'WasmFdw'::text, NULL::text, 'Supabase'::text, 'https://github.com/supabase/wrappers'::text $fn$;
