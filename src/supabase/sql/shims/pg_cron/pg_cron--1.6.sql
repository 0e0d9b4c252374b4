-- gen-types shim for pg_cron 1.6: the cron schema, cron.job and cron.job_run_details, and
-- cron.schedule(), unschedule(), alter_job() and schedule_in_database() with pg_cron's
-- signatures. Jobs are recorded in cron.job but never run. Written for gen-types; see
-- src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pg_cron" to load this file. \quit

CREATE SCHEMA cron;

CREATE SEQUENCE cron.jobid_seq;
CREATE TABLE cron.job (
    jobid bigint DEFAULT pg_catalog.nextval('cron.jobid_seq') NOT NULL PRIMARY KEY,
    schedule text NOT NULL,
    command text NOT NULL,
    nodename text DEFAULT 'localhost'::text NOT NULL,
    nodeport integer DEFAULT pg_catalog.inet_server_port() NOT NULL,
    database text DEFAULT pg_catalog.current_database() NOT NULL,
    username text DEFAULT CURRENT_USER NOT NULL,
    active boolean DEFAULT true NOT NULL,
    jobname text,
    CONSTRAINT jobname_username_uniq UNIQUE (jobname, username)
);
GRANT SELECT ON cron.job TO public;
ALTER TABLE cron.job ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_policy ON cron.job USING (username OPERATOR(pg_catalog.=) CURRENT_USER);

CREATE SEQUENCE cron.runid_seq;
CREATE TABLE cron.job_run_details (
    jobid bigint,
    runid bigint DEFAULT pg_catalog.nextval('cron.runid_seq') NOT NULL PRIMARY KEY,
    job_pid integer,
    database text,
    username text,
    command text,
    status text,
    return_message text,
    start_time timestamp with time zone,
    end_time timestamp with time zone
);
GRANT SELECT, DELETE ON cron.job_run_details TO public;
ALTER TABLE cron.job_run_details ENABLE ROW LEVEL SECURITY;
CREATE POLICY cron_job_run_details_policy ON cron.job_run_details
    USING (username OPERATOR(pg_catalog.=) CURRENT_USER);
GRANT SELECT ON SEQUENCE cron.jobid_seq, cron.runid_seq TO public;

-- The functions write cron.job as its owner, as pg_cron's C code does, in the name of the
-- calling role (the role set by SET ROLE, else the session's user).

CREATE FUNCTION cron.schedule(schedule text, command text) RETURNS bigint
    LANGUAGE sql STRICT SECURITY DEFINER
    SET search_path = pg_catalog
    AS $fn$
INSERT INTO cron.job (schedule, command, username, nodeport)
VALUES ($1, $2, (CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END), coalesce(inet_server_port(), current_setting('port')::integer)) RETURNING jobid
$fn$;
COMMENT ON FUNCTION cron.schedule(text, text) IS 'schedule a pg_cron job';

CREATE FUNCTION cron.schedule(job_name text, schedule text, command text) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $fn$
INSERT INTO cron.job (jobname, schedule, command, username, nodeport)
VALUES ($1, $2, $3, (CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END), coalesce(inet_server_port(), current_setting('port')::integer))
ON CONFLICT (jobname, username) DO UPDATE SET schedule = excluded.schedule, command = excluded.command
RETURNING jobid
$fn$;
COMMENT ON FUNCTION cron.schedule(text, text, text) IS 'schedule a pg_cron job';

CREATE FUNCTION cron.schedule_in_database(job_name text, schedule text, command text, database text, username text DEFAULT NULL::text, active boolean DEFAULT true)
    RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $fn$
INSERT INTO cron.job (jobname, schedule, command, database, username, active, nodeport)
VALUES ($1, $2, $3, $4, coalesce($5, (CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END)), $6, coalesce(inet_server_port(), current_setting('port')::integer))
ON CONFLICT (jobname, username) DO UPDATE
    SET schedule = excluded.schedule, command = excluded.command, database = excluded.database, active = excluded.active
RETURNING jobid
$fn$;
COMMENT ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean) IS 'schedule a pg_cron job';
REVOKE ALL ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean) FROM public;

CREATE FUNCTION cron.unschedule(job_id bigint) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path = pg_catalog
    AS $fn$
BEGIN
    DELETE FROM cron.job WHERE jobid = job_id AND username = (CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'could not find valid entry for job %', job_id;
    END IF;
    RETURN true;
END
$fn$;
COMMENT ON FUNCTION cron.unschedule(bigint) IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.unschedule(job_name text) RETURNS boolean
    LANGUAGE plpgsql STRICT SECURITY DEFINER
    SET search_path = pg_catalog
    AS $fn$
BEGIN
    DELETE FROM cron.job WHERE jobname = job_name AND username = (CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'could not find valid entry for job ''%''', job_name;
    END IF;
    RETURN true;
END
$fn$;
COMMENT ON FUNCTION cron.unschedule(text) IS 'unschedule a pg_cron job';

CREATE FUNCTION cron.alter_job(job_id bigint, schedule text DEFAULT NULL::text, command text DEFAULT NULL::text, database text DEFAULT NULL::text, username text DEFAULT NULL::text, active boolean DEFAULT NULL::boolean)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog
    AS $fn$
BEGIN
    UPDATE cron.job AS j
    SET schedule = coalesce(alter_job.schedule, j.schedule),
        command = coalesce(alter_job.command, j.command),
        database = coalesce(alter_job.database, j.database),
        username = coalesce(alter_job.username, j.username),
        active = coalesce(alter_job.active, j.active)
    WHERE j.jobid = job_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'could not find valid entry for job %', job_id;
    END IF;
END
$fn$;
COMMENT ON FUNCTION cron.alter_job(bigint, text, text, text, text, boolean)
    IS 'Alter the job identified by job_id. Any option left as NULL will not be modified.';
REVOKE ALL ON FUNCTION cron.alter_job(bigint, text, text, text, text, boolean) FROM public;

CREATE FUNCTION cron.job_cache_invalidate() RETURNS trigger
    LANGUAGE plpgsql
    AS $fn$ BEGIN RETURN NULL; END $fn$;
COMMENT ON FUNCTION cron.job_cache_invalidate() IS 'invalidate job cache';
CREATE TRIGGER cron_job_cache_invalidate
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cron.job
    FOR STATEMENT EXECUTE PROCEDURE cron.job_cache_invalidate();
