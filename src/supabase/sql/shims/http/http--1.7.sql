-- gen-types shim for pgsql-http 1.7 (extension `http`): its domains, composite types and
-- functions with the extension's signatures. A request raises an error instead of reaching
-- the network; the pure helpers (urlencode, http_header(s), text_to_bytea, bytea_to_text)
-- work. Written for gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION http" to load this file. \quit

CREATE DOMAIN @extschema@.http_method AS text;
CREATE DOMAIN @extschema@.content_type AS text CHECK (VALUE ~ '^\S+\/\S+');

CREATE TYPE @extschema@.http_header AS (field character varying, value character varying);
CREATE TYPE @extschema@.http_response AS (
    status integer,
    content_type character varying,
    headers @extschema@.http_header[],
    content character varying
);
CREATE TYPE @extschema@.http_request AS (
    method @extschema@.http_method,
    uri character varying,
    headers @extschema@.http_header[],
    content_type character varying,
    content character varying
);

CREATE FUNCTION @extschema@.http_set_curlopt(curlopt character varying, value character varying) RETURNS boolean
    LANGUAGE sql AS $fn$ SELECT true $fn$;
CREATE FUNCTION @extschema@.http_reset_curlopt() RETURNS boolean
    LANGUAGE sql AS $fn$ SELECT true $fn$;
CREATE FUNCTION @extschema@.http_list_curlopt() RETURNS TABLE(curlopt text, value text)
    LANGUAGE sql AS $fn$ SELECT NULL::text, NULL::text WHERE false $fn$;

CREATE FUNCTION @extschema@.http_header(field character varying, value character varying) RETURNS @extschema@.http_header
    LANGUAGE sql AS $fn$ SELECT $1, $2 $fn$;

CREATE FUNCTION @extschema@.http(request @extschema@.http_request) RETURNS @extschema@.http_response
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    RAISE EXCEPTION 'http: % % was not sent (gen-types shim: no network access)', request.method, request.uri;
END
$fn$;

CREATE FUNCTION @extschema@.http_get(uri character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('GET', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_post(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('POST', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_put(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('PUT', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_patch(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('PATCH', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_delete(uri character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('DELETE', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_delete(uri character varying, content character varying, content_type character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('DELETE', $1, NULL, $3, $2)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_head(uri character varying) RETURNS @extschema@.http_response
    LANGUAGE sql AS $fn$ SELECT @extschema@.http(('HEAD', $1, NULL, NULL, NULL)::@extschema@.http_request) $fn$;

CREATE FUNCTION @extschema@.urlencode(string character varying) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$
SELECT coalesce(string_agg(
    CASE WHEN ch ~ '[A-Za-z0-9_.~-]' THEN ch
         ELSE upper(regexp_replace(encode(convert_to(ch, 'UTF8'), 'hex'), '(..)', '%\1', 'g')) END, '' ORDER BY i), '')
FROM regexp_split_to_table($1, '') WITH ORDINALITY AS t(ch, i)
$fn$;
CREATE FUNCTION @extschema@.urlencode(string bytea) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.urlencode(convert_from($1, 'UTF8')::character varying) $fn$;
CREATE FUNCTION @extschema@.urlencode(data jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$
SELECT coalesce(string_agg(@extschema@.urlencode(key::character varying) || '=' || @extschema@.urlencode(value::character varying), '&'), '')
FROM jsonb_each_text($1)
$fn$;

CREATE FUNCTION @extschema@.http_get(uri character varying, data jsonb) RETURNS @extschema@.http_response
    LANGUAGE sql
    AS $fn$ SELECT @extschema@.http(('GET', $1 || '?' || @extschema@.urlencode($2), NULL, NULL, NULL)::@extschema@.http_request) $fn$;
CREATE FUNCTION @extschema@.http_post(uri character varying, data jsonb) RETURNS @extschema@.http_response
    LANGUAGE sql
    AS $fn$ SELECT @extschema@.http(('POST', $1, NULL, 'application/x-www-form-urlencoded', @extschema@.urlencode($2))::@extschema@.http_request) $fn$;

CREATE FUNCTION @extschema@.text_to_bytea(data text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT AS $fn$ SELECT convert_to($1, 'UTF8') $fn$;
CREATE FUNCTION @extschema@.bytea_to_text(data bytea) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $fn$ SELECT convert_from($1, 'UTF8') $fn$;

CREATE FUNCTION @extschema@.http_headers(VARIADIC args text[]) RETURNS @extschema@.http_header[]
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $fn$
DECLARE
    headers @extschema@.http_header[];
BEGIN
    IF array_length(args, 1) % 2 <> 0 THEN
        RAISE EXCEPTION 'Arguments must be provided in key-value pairs';
    END IF;
    FOR i IN 1..array_length(args, 1) BY 2 LOOP
        headers := array_append(headers, @extschema@.http_header(args[i], args[i + 1]));
    END LOOP;
    RETURN headers;
END
$fn$;
