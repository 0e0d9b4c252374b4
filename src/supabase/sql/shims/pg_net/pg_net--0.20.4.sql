-- gen-types shim for pg_net 0.20.4: the net schema's queue and response tables, types and
-- functions with pg_net's signatures. Requests are queued in net.http_request_queue and get
-- their id back, but no worker ever sends them: net._http_response stays empty. Written for
-- gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pg_net" to load this file. \quit

CREATE SCHEMA IF NOT EXISTS net;

CREATE DOMAIN net.http_method AS text
    CHECK (value ILIKE 'get' OR value ILIKE 'post' OR value ILIKE 'delete');

CREATE UNLOGGED TABLE net.http_request_queue (
    id bigserial,
    method net.http_method NOT NULL,
    url text NOT NULL,
    headers jsonb,
    body bytea,
    timeout_milliseconds integer NOT NULL
);

CREATE UNLOGGED TABLE net._http_response (
    id bigint,
    status_code integer,
    content_type text,
    headers jsonb,
    content text,
    timed_out boolean,
    error_msg text,
    created timestamp with time zone DEFAULT now() NOT NULL
);
CREATE INDEX ON net._http_response (created);

CREATE TYPE net.request_status AS ENUM ('PENDING', 'SUCCESS', 'ERROR');
CREATE TYPE net.http_response AS (status_code integer, headers jsonb, body text);
CREATE TYPE net.http_response_result AS (status net.request_status, message text, response net.http_response);

-- Stand-ins for pg_net's C functions.
CREATE FUNCTION net._urlencode_string(string character varying) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$
SELECT string_agg(
    CASE WHEN ch ~ '[A-Za-z0-9_.~-]' THEN ch
         ELSE upper(regexp_replace(encode(convert_to(ch, 'UTF8'), 'hex'), '(..)', '%\1', 'g')) END, '' ORDER BY i)
FROM regexp_split_to_table($1, '') WITH ORDINALITY AS t(ch, i)
$fn$;

CREATE FUNCTION net._encode_url_with_params_array(url text, params_array text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$
SELECT CASE WHEN cardinality(params_array) = 0 THEN url
            ELSE url || CASE WHEN position('?' IN url) > 0 THEN '&' ELSE '?' END
                 || array_to_string(params_array, '&') END
$fn$;

CREATE FUNCTION net.worker_restart() RETURNS boolean
    LANGUAGE sql AS $fn$ SELECT false $fn$;
CREATE FUNCTION net.wait_until_running() RETURNS void
    LANGUAGE sql AS $fn$ SELECT $fn$;
CREATE FUNCTION net.wake() RETURNS void
    LANGUAGE sql AS $fn$ SELECT $fn$;

CREATE FUNCTION net.check_worker_is_up() RETURNS void
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    RAISE EXCEPTION 'the pg_net background worker is not up (gen-types shim: requests are never sent)';
END
$fn$;

CREATE FUNCTION net._await_response(request_id bigint) RETURNS boolean
    LANGUAGE plpgsql PARALLEL SAFE STRICT
    AS $fn$
BEGIN
    RAISE EXCEPTION 'request % will never complete (gen-types shim: requests are never sent)', request_id;
END
$fn$;

CREATE FUNCTION net.http_get(url text, params jsonb DEFAULT '{}'::jsonb, headers jsonb DEFAULT '{}'::jsonb, timeout_milliseconds integer DEFAULT 5000)
    RETURNS bigint
    LANGUAGE sql STRICT
    SET search_path = net
    AS $fn$
INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
SELECT 'GET',
       net._encode_url_with_params_array(url, coalesce(
           (SELECT array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value))
            FROM jsonb_each_text(params)), '{}')),
       headers, NULL::bytea, timeout_milliseconds
RETURNING id
$fn$;

CREATE FUNCTION net.http_post(url text, body jsonb DEFAULT '{}'::jsonb, params jsonb DEFAULT '{}'::jsonb, headers jsonb DEFAULT '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds integer DEFAULT 5000)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = net
    AS $fn$
DECLARE
    content_type text := (SELECT value FROM jsonb_each_text(headers) WHERE lower(key) = 'content-type' LIMIT 1);
    queued bigint;
BEGIN
    IF content_type IS NULL THEN
        headers := headers || '{"Content-Type": "application/json"}'::jsonb;
    ELSIF content_type <> 'application/json' THEN
        RAISE EXCEPTION 'Content-Type header must be "application/json"';
    END IF;
    INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
    SELECT 'POST',
           net._encode_url_with_params_array(url, coalesce(
               (SELECT array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value))
                FROM jsonb_each_text(params)), '{}')),
           headers, convert_to(body::text, 'UTF8'), timeout_milliseconds
    RETURNING id INTO queued;
    RETURN queued;
END
$fn$;

CREATE FUNCTION net.http_delete(url text, params jsonb DEFAULT '{}'::jsonb, headers jsonb DEFAULT '{}'::jsonb, timeout_milliseconds integer DEFAULT 5000, body jsonb DEFAULT NULL::jsonb)
    RETURNS bigint
    LANGUAGE sql
    SET search_path = net
    AS $fn$
INSERT INTO net.http_request_queue (method, url, headers, body, timeout_milliseconds)
SELECT 'DELETE',
       net._encode_url_with_params_array(url, coalesce(
           (SELECT array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value))
            FROM jsonb_each_text(params)), '{}')),
       headers, convert_to(body::text, 'UTF8'), timeout_milliseconds
RETURNING id
$fn$;

CREATE FUNCTION net._http_collect_response(request_id bigint, async boolean DEFAULT true)
    RETURNS net.http_response_result
    LANGUAGE plpgsql
    AS $fn$
DECLARE
    rec net._http_response;
BEGIN
    SELECT * INTO rec FROM net._http_response WHERE id = request_id;
    IF rec IS NULL THEN
        RETURN ROW('PENDING', 'request is pending', NULL)::net.http_response_result;
    ELSIF rec.error_msg IS NOT NULL THEN
        RETURN ROW('ERROR', rec.error_msg, NULL)::net.http_response_result;
    END IF;
    RETURN ROW('SUCCESS', 'ok', ROW(rec.status_code, rec.headers, rec.content)::net.http_response)::net.http_response_result;
END
$fn$;

CREATE FUNCTION net.http_collect_response(request_id bigint, async boolean DEFAULT true)
    RETURNS net.http_response_result
    LANGUAGE sql
    AS $fn$ SELECT net._http_collect_response(request_id, async) $fn$;

GRANT USAGE ON SCHEMA net TO PUBLIC;
GRANT ALL ON ALL SEQUENCES IN SCHEMA net TO PUBLIC;
GRANT ALL ON ALL TABLES IN SCHEMA net TO PUBLIC;
