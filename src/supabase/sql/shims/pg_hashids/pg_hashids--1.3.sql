-- gen-types shim for pg_hashids 1.3: id_encode(), id_decode(), id_decode_once() and the older
-- hash_encode()/hash_decode() with the extension's signatures. The encoding is a reversible
-- base-N numbering over the alphabet (numbers joined with '-'), left-padded with '-' to the
-- minimum length. That is not the Hashids algorithm: ids differ from the real extension's, but
-- decode(encode(x)) = x. The salt is ignored. Written for gen-types; see
-- src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pg_hashids" to load this file. \quit

CREATE FUNCTION id_encode(bigint[], text, integer, text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $fn$
DECLARE
    alphabet text := replace($4, '-', '');
    base integer := length(replace($4, '-', ''));
    parts text[] := '{}';
    n bigint;
    digits text;
BEGIN
    FOREACH n IN ARRAY $1 LOOP
        IF n < 0 THEN
            RAISE EXCEPTION 'negative numbers cannot be encoded';
        END IF;
        digits := '';
        LOOP
            digits := substr(alphabet, (n % base)::integer + 1, 1) || digits;
            n := n / base;
            EXIT WHEN n = 0;
        END LOOP;
        parts := parts || digits;
    END LOOP;
    digits := array_to_string(parts, '-');
    IF length(digits) < $3 THEN
        digits := repeat('-', $3 - length(digits)) || digits;
    END IF;
    RETURN digits;
END
$fn$;

CREATE FUNCTION id_decode(text, text, integer, text) RETURNS bigint[]
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $fn$
DECLARE
    alphabet text := replace($4, '-', '');
    base integer := length(replace($4, '-', ''));
    result bigint[] := '{}';
    part text;
    n bigint;
BEGIN
    FOREACH part IN ARRAY string_to_array(ltrim($1, '-'), '-') LOOP
        n := 0;
        FOR i IN 1..length(part) LOOP
            n := n * base + position(substr(part, i, 1) IN alphabet) - 1;
        END LOOP;
        result := result || n;
    END LOOP;
    RETURN result;
END
$fn$;

CREATE FUNCTION id_encode(bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode(ARRAY[$1], '', 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_encode(bigint, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode(ARRAY[$1], $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_encode(bigint, text, integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode(ARRAY[$1], $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_encode(bigint, text, integer, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode(ARRAY[$1], $2, $3, $4) $fn$;

CREATE FUNCTION id_encode(bigint[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode($1, '', 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_encode(bigint[], text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode($1, $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_encode(bigint[], text, integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode($1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_decode(text) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_decode($1, '', 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_decode(text, text) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_decode($1, $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_decode(text, text, integer) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_decode($1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890') $fn$;

CREATE FUNCTION id_decode_once(text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT (@extschema@.id_decode($1, '', 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890'))[1] $fn$;

CREATE FUNCTION id_decode_once(text, text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT (@extschema@.id_decode($1, $2, 0, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890'))[1] $fn$;

CREATE FUNCTION id_decode_once(text, text, integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT (@extschema@.id_decode($1, $2, $3, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890'))[1] $fn$;

CREATE FUNCTION id_decode_once(text, text, integer, text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT (@extschema@.id_decode($1, $2, $3, $4))[1] $fn$;

CREATE FUNCTION hash_encode(bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode($1) $fn$;

CREATE FUNCTION hash_encode(bigint, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode($1, $2) $fn$;

CREATE FUNCTION hash_encode(bigint, text, integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_encode($1, $2, $3) $fn$;

CREATE FUNCTION hash_decode(text, text, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $fn$ SELECT @extschema@.id_decode_once($1, $2, $3)::integer $fn$;
