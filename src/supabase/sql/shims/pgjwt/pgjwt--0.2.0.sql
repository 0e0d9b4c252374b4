-- gen-types shim for pgjwt 0.2.0: sign() and verify() HS256/HS384/HS512 JSON Web Tokens with
-- pgcrypto's hmac(), with pgjwt's signatures. Written for gen-types; see
-- src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pgjwt" to load this file. \quit

CREATE FUNCTION url_encode(data bytea) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT translate(rtrim(encode(data, 'base64'), '='), E'+/\n', '-_') $fn$;

CREATE FUNCTION url_decode(data text) RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $fn$
SELECT decode(rpad(translate(data, '-_', '+/'), 4 * ((length(data) + 3) / 4), '='), 'base64')
$fn$;

CREATE FUNCTION algorithm_sign(signables text, secret text, algorithm text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $fn$
SELECT @extschema@.url_encode(hmac(signables, secret, CASE algorithm
    WHEN 'HS256' THEN 'sha256' WHEN 'HS384' THEN 'sha384' WHEN 'HS512' THEN 'sha512' END))
$fn$;

CREATE FUNCTION sign(payload json, secret text, algorithm text DEFAULT 'HS256'::text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $fn$
SELECT parts || '.' || @extschema@.algorithm_sign(parts, secret, algorithm)
FROM (SELECT @extschema@.url_encode(convert_to(format('{"alg":"%s","typ":"JWT"}', algorithm), 'utf8'))
             || '.' || @extschema@.url_encode(convert_to(payload::text, 'utf8')) AS parts) AS p
$fn$;

CREATE FUNCTION try_cast_double(inp text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE
    AS $fn$
BEGIN
    RETURN inp::double precision;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$fn$;

CREATE FUNCTION verify(token text, secret text, algorithm text DEFAULT 'HS256'::text)
    RETURNS TABLE(header json, payload json, valid boolean)
    LANGUAGE sql IMMUTABLE
    AS $fn$
SELECT convert_from(@extschema@.url_decode(t.p[1]), 'utf8')::json,
       convert_from(@extschema@.url_decode(t.p[2]), 'utf8')::json,
       t.p[3] = @extschema@.algorithm_sign(t.p[1] || '.' || t.p[2], secret, algorithm)
           AND coalesce(@extschema@.try_cast_double(convert_from(@extschema@.url_decode(t.p[2]), 'utf8')::json ->> 'exp')
                        > extract(epoch FROM now()), true)
           AND coalesce(@extschema@.try_cast_double(convert_from(@extschema@.url_decode(t.p[2]), 'utf8')::json ->> 'nbf')
                        <= extract(epoch FROM now()), true)
FROM (SELECT regexp_split_to_array(token, '\.') AS p) AS t
$fn$;

-- hmac() is pgcrypto's, wherever it was installed.
DO $path$
DECLARE
    crypto_schema name := (SELECT n.nspname FROM pg_extension AS e
                           JOIN pg_namespace AS n ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto');
BEGIN
    EXECUTE format('ALTER FUNCTION algorithm_sign(text, text, text) SET search_path = %I, %I, pg_catalog',
        current_schema(), crypto_schema);
END
$path$;
