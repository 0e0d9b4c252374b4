-- gen-types shim for pgvector 0.8.6 (extension `vector`): the types vector, halfvec and sparsevec
-- with their dimension modifiers, the distance functions and operators, casts, aggregates,
-- the btree operator classes, and the ivfflat and hnsw access methods with their operator
-- classes. Values are kept as text; the math is done in SQL. Written for gen-types, see
-- src/supabase/sql/README.md for what differs from the real extension.

\echo Use "CREATE EXTENSION vector" to load this file. \quit

CREATE TYPE vector;

CREATE FUNCTION vector_in(cstring, oid, integer) RETURNS vector
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textin';

CREATE FUNCTION vector_out(vector) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textout';

CREATE FUNCTION vector_typmod_in(cstring[]) RETURNS integer
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'bittypmodin';

CREATE FUNCTION vector_recv(internal, oid, integer) RETURNS vector
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textrecv';

CREATE FUNCTION vector_send(vector) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textsend';

CREATE TYPE vector (
    INPUT = vector_in,
    OUTPUT = vector_out,
    TYPMOD_IN = vector_typmod_in,
    RECEIVE = vector_recv,
    SEND = vector_send,
    STORAGE = external
);

COMMENT ON TYPE vector IS 'single-precision vector';

CREATE FUNCTION l2_distance(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(sum((x - y) ^ 2)) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION inner_product(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum(x * y) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION cosine_distance(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 1 - sum(x * y) / nullif(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION l1_distance(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum(abs(x - y)) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION vector_dims(vector) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT coalesce(array_length(string_to_array(btrim($1::text, '[]'), ',')::float8[], 1), 0) $fn$;

CREATE FUNCTION vector_norm(vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(sum(x * x)) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x) $fn$;

CREATE FUNCTION l2_normalize(vector) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x / nullif(sqrt(sum(x * x) OVER ()), 0) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x))) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION binary_quantize(vector) RETURNS bit
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_agg(CASE WHEN x > 0 THEN '1' ELSE '0' END, '')::varbit FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x) $fn$;

CREATE FUNCTION subvector(vector, int, int) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest((string_to_array(btrim($1::text, '[]'), ',')::float8[])[$2:$2 + $3 - 1]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_add(vector, vector) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x + y FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y))) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_sub(vector, vector) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x - y FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y))) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_mul(vector, vector) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x * y FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y))) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_concat(vector, vector) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[] || string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_lt(vector, vector) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] < string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION vector_le(vector, vector) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] <= string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION vector_eq(vector, vector) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] = string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION vector_ne(vector, vector) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] <> string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION vector_ge(vector, vector) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] >= string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION vector_gt(vector, vector) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] > string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION vector_cmp(vector, vector) RETURNS int4
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN string_to_array(btrim($1::text, '[]'), ',')::float8[] < string_to_array(btrim($2::text, '[]'), ',')::float8[] THEN -1 WHEN string_to_array(btrim($1::text, '[]'), ',')::float8[] > string_to_array(btrim($2::text, '[]'), ',')::float8[] THEN 1 ELSE 0 END $fn$;

CREATE FUNCTION vector_l2_squared_distance(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum((x - y) ^ 2) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION vector_negative_inner_product(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT -sum(x * y) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION vector_spherical_distance(vector, vector) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT acos(greatest(-1, least(1, sum(x * y)))) / pi() FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION vector_accum(double precision[], vector) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN $1 = '{0}' THEN array[1::float8] || string_to_array(btrim($2::text, '[]'), ',')::float8[] ELSE array[$1[1] + 1] || array(SELECT x + y FROM unnest($1[2:], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y)) END $fn$;

CREATE FUNCTION vector_avg(double precision[]) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN $1[1] = 0 THEN NULL ELSE ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x / $1[1] FROM unnest($1[2:]) AS u(x))) AS u(x)), ',') || ']')::vector END $fn$;

CREATE FUNCTION vector_combine(double precision[], double precision[]) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN $1 = '{0}' THEN $2 WHEN $2 = '{0}' THEN $1 ELSE array[$1[1] + $2[1]] || array(SELECT x + y FROM unnest($1[2:], $2[2:]) AS p(x, y)) END $fn$;

CREATE AGGREGATE avg(vector) (
    SFUNC = vector_accum,
    STYPE = double precision[],
    FINALFUNC = vector_avg,
    COMBINEFUNC = vector_combine,
    INITCOND = '{0}',
    PARALLEL = SAFE
);

CREATE AGGREGATE sum(vector) (
    SFUNC = vector_add,
    STYPE = vector,
    COMBINEFUNC = vector_add,
    PARALLEL = SAFE
);

CREATE FUNCTION vector(vector, integer, boolean) RETURNS vector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$
DECLARE dims integer := coalesce(array_length(string_to_array(btrim($1::text, '[]'), ',')::float8[], 1), 0);
BEGIN
    IF $2 >= 0 AND dims <> $2 THEN
        RAISE EXCEPTION 'expected % dimensions, not %', $2, dims USING ERRCODE = '22000';
    END IF;
    RETURN $1;
END
$fn$;

CREATE FUNCTION array_to_vector(integer[], integer, boolean) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION array_to_vector(real[], integer, boolean) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION array_to_vector(double precision[], integer, boolean) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION array_to_vector(numeric[], integer, boolean) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_to_float4(vector, integer, boolean) RETURNS real[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[]::real[] $fn$;

CREATE CAST (vector AS vector)
    WITH FUNCTION vector(vector, integer, boolean) AS IMPLICIT;

CREATE CAST (vector AS real[])
    WITH FUNCTION vector_to_float4(vector, integer, boolean) AS IMPLICIT;

CREATE CAST (integer[] AS vector)
    WITH FUNCTION array_to_vector(integer[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (real[] AS vector)
    WITH FUNCTION array_to_vector(real[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (double precision[] AS vector)
    WITH FUNCTION array_to_vector(double precision[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (numeric[] AS vector)
    WITH FUNCTION array_to_vector(numeric[], integer, boolean) AS ASSIGNMENT;

CREATE OPERATOR <-> (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = l2_distance, COMMUTATOR = '<->'
);

CREATE OPERATOR <#> (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_negative_inner_product, COMMUTATOR = '<#>'
);

CREATE OPERATOR <=> (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = cosine_distance, COMMUTATOR = '<=>'
);

CREATE OPERATOR <+> (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = l1_distance, COMMUTATOR = '<+>'
);

CREATE OPERATOR + (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_add, COMMUTATOR = +
);

CREATE OPERATOR - (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_sub
);

CREATE OPERATOR * (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_mul, COMMUTATOR = *
);

CREATE OPERATOR || (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_concat
);

CREATE OPERATOR < (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR <= (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR = (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);

CREATE OPERATOR <> (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);

CREATE OPERATOR >= (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR > (
    LEFTARG = vector, RIGHTARG = vector, FUNCTION = vector_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR CLASS vector_ops
    DEFAULT FOR TYPE vector USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 vector_cmp(vector, vector);

CREATE FUNCTION ivfflathandler(internal) RETURNS index_am_handler
    LANGUAGE internal VOLATILE STRICT
    AS 'hashhandler';

CREATE ACCESS METHOD ivfflat TYPE INDEX HANDLER ivfflathandler;

COMMENT ON ACCESS METHOD ivfflat IS 'ivfflat index access method';

CREATE FUNCTION hnswhandler(internal) RETURNS index_am_handler
    LANGUAGE internal VOLATILE STRICT
    AS 'hashhandler';

CREATE ACCESS METHOD hnsw TYPE INDEX HANDLER hnswhandler;

COMMENT ON ACCESS METHOD hnsw IS 'hnsw index access method';

CREATE FUNCTION ivfflat_halfvec_support(internal) RETURNS internal
    LANGUAGE internal VOLATILE STRICT
    AS 'textregexeq_support';

CREATE FUNCTION ivfflat_bit_support(internal) RETURNS internal
    LANGUAGE internal VOLATILE STRICT
    AS 'textregexeq_support';

CREATE FUNCTION hnsw_halfvec_support(internal) RETURNS internal
    LANGUAGE internal VOLATILE STRICT
    AS 'textregexeq_support';

CREATE FUNCTION hnsw_bit_support(internal) RETURNS internal
    LANGUAGE internal VOLATILE STRICT
    AS 'textregexeq_support';

CREATE FUNCTION hnsw_sparsevec_support(internal) RETURNS internal
    LANGUAGE internal VOLATILE STRICT
    AS 'textregexeq_support';

CREATE OPERATOR CLASS vector_l2_ops
    DEFAULT FOR TYPE vector USING ivfflat AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE OPERATOR CLASS vector_ip_ops
    FOR TYPE vector USING ivfflat AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE OPERATOR CLASS vector_cosine_ops
    FOR TYPE vector USING ivfflat AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE OPERATOR CLASS vector_l2_ops
    FOR TYPE vector USING hnsw AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE OPERATOR CLASS vector_ip_ops
    FOR TYPE vector USING hnsw AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE OPERATOR CLASS vector_cosine_ops
    FOR TYPE vector USING hnsw AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE OPERATOR CLASS vector_l1_ops
    FOR TYPE vector USING hnsw AS
    OPERATOR 1 = (vector, vector),
    FUNCTION 1 (vector, vector) hashvarlena(internal);

CREATE TYPE halfvec;

CREATE FUNCTION halfvec_in(cstring, oid, integer) RETURNS halfvec
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textin';

CREATE FUNCTION halfvec_out(halfvec) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textout';

CREATE FUNCTION halfvec_typmod_in(cstring[]) RETURNS integer
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'bittypmodin';

CREATE FUNCTION halfvec_recv(internal, oid, integer) RETURNS halfvec
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textrecv';

CREATE FUNCTION halfvec_send(halfvec) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textsend';

CREATE TYPE halfvec (
    INPUT = halfvec_in,
    OUTPUT = halfvec_out,
    TYPMOD_IN = halfvec_typmod_in,
    RECEIVE = halfvec_recv,
    SEND = halfvec_send,
    STORAGE = external
);

COMMENT ON TYPE halfvec IS 'half-precision vector';

CREATE FUNCTION l2_distance(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(sum((x - y) ^ 2)) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION inner_product(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum(x * y) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION cosine_distance(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 1 - sum(x * y) / nullif(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION l1_distance(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum(abs(x - y)) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION vector_dims(halfvec) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT coalesce(array_length(string_to_array(btrim($1::text, '[]'), ',')::float8[], 1), 0) $fn$;

CREATE FUNCTION l2_norm(halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(sum(x * x)) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x) $fn$;

CREATE FUNCTION l2_normalize(halfvec) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x / nullif(sqrt(sum(x * x) OVER ()), 0) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x))) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION binary_quantize(halfvec) RETURNS bit
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_agg(CASE WHEN x > 0 THEN '1' ELSE '0' END, '')::varbit FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x) $fn$;

CREATE FUNCTION subvector(halfvec, int, int) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest((string_to_array(btrim($1::text, '[]'), ',')::float8[])[$2:$2 + $3 - 1]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION halfvec_add(halfvec, halfvec) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x + y FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y))) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION halfvec_sub(halfvec, halfvec) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x - y FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y))) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION halfvec_mul(halfvec, halfvec) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x * y FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y))) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION halfvec_concat(halfvec, halfvec) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[] || string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION halfvec_lt(halfvec, halfvec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] < string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION halfvec_le(halfvec, halfvec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] <= string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION halfvec_eq(halfvec, halfvec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] = string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION halfvec_ne(halfvec, halfvec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] <> string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION halfvec_ge(halfvec, halfvec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] >= string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION halfvec_gt(halfvec, halfvec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] > string_to_array(btrim($2::text, '[]'), ',')::float8[] $fn$;

CREATE FUNCTION halfvec_cmp(halfvec, halfvec) RETURNS int4
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN string_to_array(btrim($1::text, '[]'), ',')::float8[] < string_to_array(btrim($2::text, '[]'), ',')::float8[] THEN -1 WHEN string_to_array(btrim($1::text, '[]'), ',')::float8[] > string_to_array(btrim($2::text, '[]'), ',')::float8[] THEN 1 ELSE 0 END $fn$;

CREATE FUNCTION halfvec_l2_squared_distance(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum((x - y) ^ 2) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION halfvec_negative_inner_product(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT -sum(x * y) FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION halfvec_spherical_distance(halfvec, halfvec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT acos(greatest(-1, least(1, sum(x * y)))) / pi() FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y) $fn$;

CREATE FUNCTION halfvec_accum(double precision[], halfvec) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN $1 = '{0}' THEN array[1::float8] || string_to_array(btrim($2::text, '[]'), ',')::float8[] ELSE array[$1[1] + 1] || array(SELECT x + y FROM unnest($1[2:], string_to_array(btrim($2::text, '[]'), ',')::float8[]) AS p(x, y)) END $fn$;

CREATE FUNCTION halfvec_avg(double precision[]) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN $1[1] = 0 THEN NULL ELSE ('[' || array_to_string(array(SELECT x::real FROM unnest(array(SELECT x / $1[1] FROM unnest($1[2:]) AS u(x))) AS u(x)), ',') || ']')::halfvec END $fn$;

CREATE FUNCTION halfvec_combine(double precision[], double precision[]) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN $1 = '{0}' THEN $2 WHEN $2 = '{0}' THEN $1 ELSE array[$1[1] + $2[1]] || array(SELECT x + y FROM unnest($1[2:], $2[2:]) AS p(x, y)) END $fn$;

CREATE AGGREGATE avg(halfvec) (
    SFUNC = halfvec_accum,
    STYPE = double precision[],
    FINALFUNC = halfvec_avg,
    COMBINEFUNC = halfvec_combine,
    INITCOND = '{0}',
    PARALLEL = SAFE
);

CREATE AGGREGATE sum(halfvec) (
    SFUNC = halfvec_add,
    STYPE = halfvec,
    COMBINEFUNC = halfvec_add,
    PARALLEL = SAFE
);

CREATE FUNCTION halfvec(halfvec, integer, boolean) RETURNS halfvec
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$
DECLARE dims integer := coalesce(array_length(string_to_array(btrim($1::text, '[]'), ',')::float8[], 1), 0);
BEGIN
    IF $2 >= 0 AND dims <> $2 THEN
        RAISE EXCEPTION 'expected % dimensions, not %', $2, dims USING ERRCODE = '22000';
    END IF;
    RETURN $1;
END
$fn$;

CREATE FUNCTION halfvec_to_vector(halfvec, integer, boolean) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION vector_to_halfvec(vector, integer, boolean) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest(string_to_array(btrim($1::text, '[]'), ',')::float8[]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION array_to_halfvec(integer[], integer, boolean) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION array_to_halfvec(real[], integer, boolean) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION array_to_halfvec(double precision[], integer, boolean) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION array_to_halfvec(numeric[], integer, boolean) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest($1::float8[]) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION halfvec_to_float4(halfvec, integer, boolean) RETURNS real[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[]::real[] $fn$;

CREATE CAST (halfvec AS halfvec)
    WITH FUNCTION halfvec(halfvec, integer, boolean) AS IMPLICIT;

CREATE CAST (halfvec AS vector)
    WITH FUNCTION halfvec_to_vector(halfvec, integer, boolean) AS ASSIGNMENT;

CREATE CAST (vector AS halfvec)
    WITH FUNCTION vector_to_halfvec(vector, integer, boolean) AS IMPLICIT;

CREATE CAST (halfvec AS real[])
    WITH FUNCTION halfvec_to_float4(halfvec, integer, boolean) AS ASSIGNMENT;

CREATE CAST (integer[] AS halfvec)
    WITH FUNCTION array_to_halfvec(integer[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (real[] AS halfvec)
    WITH FUNCTION array_to_halfvec(real[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (double precision[] AS halfvec)
    WITH FUNCTION array_to_halfvec(double precision[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (numeric[] AS halfvec)
    WITH FUNCTION array_to_halfvec(numeric[], integer, boolean) AS ASSIGNMENT;

CREATE OPERATOR <-> (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = l2_distance, COMMUTATOR = '<->'
);

CREATE OPERATOR <#> (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_negative_inner_product, COMMUTATOR = '<#>'
);

CREATE OPERATOR <=> (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = cosine_distance, COMMUTATOR = '<=>'
);

CREATE OPERATOR <+> (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = l1_distance, COMMUTATOR = '<+>'
);

CREATE OPERATOR + (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_add, COMMUTATOR = +
);

CREATE OPERATOR - (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_sub
);

CREATE OPERATOR * (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_mul, COMMUTATOR = *
);

CREATE OPERATOR || (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_concat
);

CREATE OPERATOR < (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR <= (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR = (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);

CREATE OPERATOR <> (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);

CREATE OPERATOR >= (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR > (
    LEFTARG = halfvec, RIGHTARG = halfvec, FUNCTION = halfvec_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR CLASS halfvec_ops
    DEFAULT FOR TYPE halfvec USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 halfvec_cmp(halfvec, halfvec);

CREATE OPERATOR CLASS halfvec_l2_ops
    DEFAULT FOR TYPE halfvec USING ivfflat AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE OPERATOR CLASS halfvec_ip_ops
    FOR TYPE halfvec USING ivfflat AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE OPERATOR CLASS halfvec_cosine_ops
    FOR TYPE halfvec USING ivfflat AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE OPERATOR CLASS halfvec_l2_ops
    FOR TYPE halfvec USING hnsw AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE OPERATOR CLASS halfvec_ip_ops
    FOR TYPE halfvec USING hnsw AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE OPERATOR CLASS halfvec_cosine_ops
    FOR TYPE halfvec USING hnsw AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE OPERATOR CLASS halfvec_l1_ops
    FOR TYPE halfvec USING hnsw AS
    OPERATOR 1 = (halfvec, halfvec),
    FUNCTION 1 (halfvec, halfvec) hashvarlena(internal);

CREATE FUNCTION hamming_distance(bit, bit) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT length(replace(($1 # $2)::text, '0', ''))::float8 $fn$;

CREATE FUNCTION jaccard_distance(bit, bit) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 1 - length(replace(($1 & $2)::text, '0', ''))::float8 / nullif(length(replace(($1 | $2)::text, '0', '')), 0) $fn$;

CREATE OPERATOR <~> (
    LEFTARG = bit, RIGHTARG = bit, FUNCTION = hamming_distance, COMMUTATOR = '<~>'
);

CREATE OPERATOR <%> (
    LEFTARG = bit, RIGHTARG = bit, FUNCTION = jaccard_distance, COMMUTATOR = '<%>'
);

CREATE OPERATOR CLASS bit_hamming_ops
    FOR TYPE bit USING ivfflat AS
    OPERATOR 1 = (bit, bit),
    FUNCTION 1 (bit, bit) hashvarlena(internal);

CREATE OPERATOR CLASS bit_hamming_ops
    FOR TYPE bit USING hnsw AS
    OPERATOR 1 = (bit, bit),
    FUNCTION 1 (bit, bit) hashvarlena(internal);

CREATE OPERATOR CLASS bit_jaccard_ops
    FOR TYPE bit USING hnsw AS
    OPERATOR 1 = (bit, bit),
    FUNCTION 1 (bit, bit) hashvarlena(internal);

CREATE TYPE sparsevec;

CREATE FUNCTION sparsevec_in(cstring, oid, integer) RETURNS sparsevec
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textin';

CREATE FUNCTION sparsevec_out(sparsevec) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textout';

CREATE FUNCTION sparsevec_typmod_in(cstring[]) RETURNS integer
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'bittypmodin';

CREATE FUNCTION sparsevec_recv(internal, oid, integer) RETURNS sparsevec
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textrecv';

CREATE FUNCTION sparsevec_send(sparsevec) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textsend';

CREATE TYPE sparsevec (
    INPUT = sparsevec_in,
    OUTPUT = sparsevec_out,
    TYPMOD_IN = sparsevec_typmod_in,
    RECEIVE = sparsevec_recv,
    SEND = sparsevec_send,
    STORAGE = external
);

COMMENT ON TYPE sparsevec IS 'single-precision sparse vector';

CREATE FUNCTION l2_distance(sparsevec, sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(sum((x - y) ^ 2)) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS p(x, y) $fn$;

CREATE FUNCTION inner_product(sparsevec, sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum(x * y) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS p(x, y) $fn$;

CREATE FUNCTION cosine_distance(sparsevec, sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 1 - sum(x * y) / nullif(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS p(x, y) $fn$;

CREATE FUNCTION l1_distance(sparsevec, sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum(abs(x - y)) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS p(x, y) $fn$;

CREATE FUNCTION l2_norm(sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(sum(x * x)) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS u(x) $fn$;

CREATE FUNCTION l2_normalize(sparsevec) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT array(SELECT x / nullif(sqrt(sum(x * x) OVER ()), 0) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS u(x)) AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE FUNCTION sparsevec_lt(sparsevec, sparsevec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) < (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) $fn$;

CREATE FUNCTION sparsevec_le(sparsevec, sparsevec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) <= (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) $fn$;

CREATE FUNCTION sparsevec_eq(sparsevec, sparsevec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) = (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) $fn$;

CREATE FUNCTION sparsevec_ne(sparsevec, sparsevec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) <> (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) $fn$;

CREATE FUNCTION sparsevec_ge(sparsevec, sparsevec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) >= (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) $fn$;

CREATE FUNCTION sparsevec_gt(sparsevec, sparsevec) RETURNS bool
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) > (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) $fn$;

CREATE FUNCTION sparsevec_cmp(sparsevec, sparsevec) RETURNS int4
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) < (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) THEN -1 WHEN (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) > (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i) THEN 1 ELSE 0 END $fn$;

CREATE FUNCTION sparsevec_l2_squared_distance(sparsevec, sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sum((x - y) ^ 2) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS p(x, y) $fn$;

CREATE FUNCTION sparsevec_negative_inner_product(sparsevec, sparsevec) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT -sum(x * y) FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), (SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($2::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($2::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS p(x, y) $fn$;

CREATE FUNCTION sparsevec(sparsevec, integer, boolean) RETURNS sparsevec
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$
DECLARE dims integer := coalesce(array_length((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i), 1), 0);
BEGIN
    IF $2 >= 0 AND dims <> $2 THEN
        RAISE EXCEPTION 'expected % dimensions, not %', $2, dims USING ERRCODE = '22000';
    END IF;
    RETURN $1;
END
$fn$;

CREATE FUNCTION vector_to_sparsevec(vector, integer, boolean) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) RETURNS vector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS u(x)), ',') || ']')::vector $fn$;

CREATE FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT string_to_array(btrim($1::text, '[]'), ',')::float8[] AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) RETURNS halfvec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('[' || array_to_string(array(SELECT x::real FROM unnest((SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{}') FROM generate_series(1, split_part($1::text, '/', 2)::int) AS g(i) LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v FROM unnest(string_to_array(btrim(split_part($1::text, '/', 1), '{}'), ',')) AS kv) AS e ON e.k = g.i)) AS u(x)), ',') || ']')::halfvec $fn$;

CREATE FUNCTION array_to_sparsevec(integer[], integer, boolean) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT $1::float8[] AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE FUNCTION array_to_sparsevec(real[], integer, boolean) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT $1::float8[] AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE FUNCTION array_to_sparsevec(double precision[], integer, boolean) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT $1::float8[] AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE FUNCTION array_to_sparsevec(numeric[], integer, boolean) RETURNS sparsevec
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (SELECT format('{%s}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT $1::float8[] AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a) $fn$;

CREATE CAST (sparsevec AS sparsevec)
    WITH FUNCTION sparsevec(sparsevec, integer, boolean) AS IMPLICIT;

CREATE CAST (sparsevec AS vector)
    WITH FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) AS ASSIGNMENT;

CREATE CAST (vector AS sparsevec)
    WITH FUNCTION vector_to_sparsevec(vector, integer, boolean) AS IMPLICIT;

CREATE CAST (sparsevec AS halfvec)
    WITH FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) AS ASSIGNMENT;

CREATE CAST (halfvec AS sparsevec)
    WITH FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) AS IMPLICIT;

CREATE CAST (integer[] AS sparsevec)
    WITH FUNCTION array_to_sparsevec(integer[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (real[] AS sparsevec)
    WITH FUNCTION array_to_sparsevec(real[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (double precision[] AS sparsevec)
    WITH FUNCTION array_to_sparsevec(double precision[], integer, boolean) AS ASSIGNMENT;

CREATE CAST (numeric[] AS sparsevec)
    WITH FUNCTION array_to_sparsevec(numeric[], integer, boolean) AS ASSIGNMENT;

CREATE OPERATOR <-> (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = l2_distance, COMMUTATOR = '<->'
);

CREATE OPERATOR <#> (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_negative_inner_product, COMMUTATOR = '<#>'
);

CREATE OPERATOR <=> (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = cosine_distance, COMMUTATOR = '<=>'
);

CREATE OPERATOR <+> (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = l1_distance, COMMUTATOR = '<+>'
);

CREATE OPERATOR < (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR <= (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR = (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);

CREATE OPERATOR <> (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);

CREATE OPERATOR >= (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR > (
    LEFTARG = sparsevec, RIGHTARG = sparsevec, FUNCTION = sparsevec_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR CLASS sparsevec_ops
    DEFAULT FOR TYPE sparsevec USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 sparsevec_cmp(sparsevec, sparsevec);

CREATE OPERATOR CLASS sparsevec_l2_ops
    FOR TYPE sparsevec USING hnsw AS
    OPERATOR 1 = (sparsevec, sparsevec),
    FUNCTION 1 (sparsevec, sparsevec) hashvarlena(internal);

CREATE OPERATOR CLASS sparsevec_ip_ops
    FOR TYPE sparsevec USING hnsw AS
    OPERATOR 1 = (sparsevec, sparsevec),
    FUNCTION 1 (sparsevec, sparsevec) hashvarlena(internal);

CREATE OPERATOR CLASS sparsevec_cosine_ops
    FOR TYPE sparsevec USING hnsw AS
    OPERATOR 1 = (sparsevec, sparsevec),
    FUNCTION 1 (sparsevec, sparsevec) hashvarlena(internal);

CREATE OPERATOR CLASS sparsevec_l1_ops
    FOR TYPE sparsevec USING hnsw AS
    OPERATOR 1 = (sparsevec, sparsevec),
    FUNCTION 1 (sparsevec, sparsevec) hashvarlena(internal);

