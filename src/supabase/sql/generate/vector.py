#!/usr/bin/env python3
# Writes the pgvector shim: python3 vector.py 0.8.6 > ../shims/vector/vector--0.8.6.sql
import sys
V = sys.argv[1]
out = []
w = out.append
IMM = "IMMUTABLE STRICT PARALLEL SAFE"

def dense(t, n):
    """float8[] of argument $n of type t."""
    if t == 'sparsevec':
        s = f"${n}::text"
        return (f"(SELECT coalesce(array_agg(coalesce(e.v, 0) ORDER BY g.i), '{{}}') "
                f"FROM generate_series(1, split_part({s}, '/', 2)::int) AS g(i) "
                f"LEFT JOIN (SELECT split_part(kv, ':', 1)::int AS k, split_part(kv, ':', 2)::float8 AS v "
                f"FROM unnest(string_to_array(btrim(split_part({s}, '/', 1), '{{}}'), ',')) AS kv) AS e ON e.k = g.i)")
    return f"string_to_array(btrim(${n}::text, '[]'), ',')::float8[]"

def make(t, arr):
    """SQL expression turning a float8[] expression into type t."""
    if t == 'sparsevec':
        return (f"(SELECT format('{{%s}}/%s', coalesce(string_agg(format('%s:%s', i, x::real), ',' ORDER BY i) FILTER (WHERE x <> 0), ''), "
                f"coalesce(array_length(a, 1), 0))::sparsevec FROM (SELECT {arr} AS a) AS s, unnest(s.a) WITH ORDINALITY AS u(x, i) GROUP BY s.a)")
    return f"('[' || array_to_string(array(SELECT x::real FROM unnest({arr}) AS u(x)), ',') || ']')::{t}"

def sqlf(sig, ret, body, attrs=IMM):
    w(f"CREATE FUNCTION {sig} RETURNS {ret}\n    LANGUAGE sql {attrs}\n    AS $fn$ {body} $fn$;\n")

def internal(sig, ret, sym, attrs=IMM):
    w(f"CREATE FUNCTION {sig} RETURNS {ret}\n    LANGUAGE internal {attrs}\n    AS '{sym}';\n")

def pair(t):
    return f"unnest({dense(t,1)}, {dense(t,2)}) AS p(x, y)"

w(f"-- gen-types shim for pgvector {V} (extension `vector`): the types vector, halfvec and sparsevec\n"
  "-- with their dimension modifiers, the distance functions and operators, casts, aggregates,\n"
  "-- the btree operator classes, and the ivfflat and hnsw access methods with their operator\n"
  "-- classes. Values are kept as text; the math is done in SQL. Written for gen-types, see\n"
  "-- src/supabase/sql/README.md for what differs from the real extension.\n")
w("\\echo Use \"CREATE EXTENSION vector\" to load this file. \\quit\n")

def base_type(t, comment):
    w(f"CREATE TYPE {t};\n")
    internal(f"{t}_in(cstring, oid, integer)", t, "textin")
    internal(f"{t}_out({t})", "cstring", "textout")
    internal(f"{t}_typmod_in(cstring[])", "integer", "bittypmodin")
    internal(f"{t}_recv(internal, oid, integer)", t, "textrecv")
    internal(f"{t}_send({t})", "bytea", "textsend")
    w(f"CREATE TYPE {t} (\n    INPUT = {t}_in,\n    OUTPUT = {t}_out,\n    TYPMOD_IN = {t}_typmod_in,\n"
      f"    RECEIVE = {t}_recv,\n    SEND = {t}_send,\n    STORAGE = external\n);\n")
    w(f"COMMENT ON TYPE {t} IS '{comment}';\n")

def distances(t, with_l1=True):
    A, B = dense(t,1), dense(t,2)
    sqlf(f"l2_distance({t}, {t})", "float8", f"SELECT sqrt(sum((x - y) ^ 2)) FROM {pair(t)}")
    sqlf(f"inner_product({t}, {t})", "float8", f"SELECT sum(x * y) FROM {pair(t)}")
    sqlf(f"cosine_distance({t}, {t})", "float8",
         f"SELECT 1 - sum(x * y) / nullif(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0) FROM {pair(t)}")
    if with_l1:
        sqlf(f"l1_distance({t}, {t})", "float8", f"SELECT sum(abs(x - y)) FROM {pair(t)}")

def norms(t, normname):
    sqlf(f"{normname}({t})", "float8", f"SELECT sqrt(sum(x * x)) FROM unnest({dense(t,1)}) AS u(x)")
    sqlf(f"l2_normalize({t})", t,
         f"SELECT {make(t, f'array(SELECT x / nullif(sqrt(sum(x * x) OVER ()), 0) FROM unnest({dense(t,1)}) AS u(x))')}")

def comparisons(t):
    A, B = dense(t,1), dense(t,2)
    for name, op in [("lt","<"),("le","<="),("eq","="),("ne","<>"),("ge",">="),("gt",">")]:
        sqlf(f"{t}_{name}({t}, {t})", "bool", f"SELECT {A} {op} {B}")
    sqlf(f"{t}_cmp({t}, {t})", "int4", f"SELECT CASE WHEN {A} < {B} THEN -1 WHEN {A} > {B} THEN 1 ELSE 0 END")
    sqlf(f"{t}_l2_squared_distance({t}, {t})", "float8", f"SELECT sum((x - y) ^ 2) FROM {pair(t)}")
    sqlf(f"{t}_negative_inner_product({t}, {t})", "float8", f"SELECT -sum(x * y) FROM {pair(t)}")

def arith(t):
    for name, op in [("add","+"),("sub","-"),("mul","*")]:
        sqlf(f"{t}_{name}({t}, {t})", t, f"SELECT {make(t, f'array(SELECT x {op} y FROM {pair(t)})')}")
    sqlf(f"{t}_concat({t}, {t})", t, f"SELECT {make(t, f'{dense(t,1)} || {dense(t,2)}')}")

def aggs(t):
    sqlf(f"{t}_accum(double precision[], {t})", "double precision[]",
         f"SELECT CASE WHEN $1 = '{{0}}' THEN array[1::float8] || {dense(t,2)} "
         f"ELSE array[$1[1] + 1] || array(SELECT x + y FROM unnest($1[2:], {dense(t,2)}) AS p(x, y)) END")
    sqlf(f"{t}_avg(double precision[])", t,
         f"SELECT CASE WHEN $1[1] = 0 THEN NULL ELSE {make(t, 'array(SELECT x / $1[1] FROM unnest($1[2:]) AS u(x))')} END")
    sqlf(f"{t}_combine(double precision[], double precision[])", "double precision[]",
         "SELECT CASE WHEN $1 = '{0}' THEN $2 WHEN $2 = '{0}' THEN $1 "
         "ELSE array[$1[1] + $2[1]] || array(SELECT x + y FROM unnest($1[2:], $2[2:]) AS p(x, y)) END")
    w(f"CREATE AGGREGATE avg({t}) (\n    SFUNC = {t}_accum,\n    STYPE = double precision[],\n    FINALFUNC = {t}_avg,\n"
      f"    COMBINEFUNC = {t}_combine,\n    INITCOND = '{{0}}',\n    PARALLEL = SAFE\n);\n")

def sum_agg(t):
    w(f"CREATE AGGREGATE sum({t}) (\n    SFUNC = {t}_add,\n    STYPE = {t},\n    COMBINEFUNC = {t}_add,\n    PARALLEL = SAFE\n);\n")

def typmod_fn(t):
    """The length coercion: checks the dimensions against the modifier."""
    w(f"CREATE FUNCTION {t}({t}, integer, boolean) RETURNS {t}\n    LANGUAGE plpgsql {IMM}\n    AS $fn$\n"
      f"DECLARE dims integer := coalesce(array_length({dense(t,1)}, 1), 0);\nBEGIN\n"
      f"    IF $2 >= 0 AND dims <> $2 THEN\n        RAISE EXCEPTION 'expected % dimensions, not %', $2, dims USING ERRCODE = '22000';\n    END IF;\n"
      f"    RETURN $1;\nEND\n$fn$;\n")

def conversion(name, src, dst):
    w(f"CREATE FUNCTION {name}({src}, integer, boolean) RETURNS {dst}\n    LANGUAGE sql {IMM}\n"
      f"    AS $fn$ SELECT {make(dst, (dense(src,1) if src in ('vector','halfvec','sparsevec') else '$1::float8[]'))} $fn$;\n")

def ops(t, dist=True, arithmetic=True, l1=True):
    if dist:
        for op, fn in [("<->","l2_distance"),("<#>",f"{t}_negative_inner_product"),("<=>","cosine_distance")] + ([("<+>","l1_distance")] if l1 else []):
            comm = f", COMMUTATOR = '{op}'" if op != "<#>" else f", COMMUTATOR = '{op}'"
            w(f"CREATE OPERATOR {op} (\n    LEFTARG = {t}, RIGHTARG = {t}, FUNCTION = {fn}{comm}\n);\n")
    if arithmetic:
        for op, fn in [("+","add"),("-","sub"),("*","mul"),("||","concat")]:
            comm = f", COMMUTATOR = {op}" if op in "+*" else ""
            w(f"CREATE OPERATOR {op} (\n    LEFTARG = {t}, RIGHTARG = {t}, FUNCTION = {t}_{fn}{comm}\n);\n")
    for op, fn, com, neg in [("<","lt",">",">="),("<=","le",">=",">"),("=","eq","=","<>"),("<>","ne","<>","="),(">=","ge","<=","<"),(">","gt","<","<=")]:
        extra = ", RESTRICT = eqsel, JOIN = eqjoinsel" if op == "=" else (", RESTRICT = neqsel, JOIN = neqjoinsel" if op == "<>" else
                 (", RESTRICT = scalarltsel, JOIN = scalarltjoinsel" if op in ("<","<=") else ", RESTRICT = scalargtsel, JOIN = scalargtjoinsel"))
        w(f"CREATE OPERATOR {op} (\n    LEFTARG = {t}, RIGHTARG = {t}, FUNCTION = {t}_{fn},\n    COMMUTATOR = {com}, NEGATOR = {neg}{extra}\n);\n")
    w(f"CREATE OPERATOR CLASS {t}_ops\n    DEFAULT FOR TYPE {t} USING btree AS\n    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,\n    FUNCTION 1 {t}_cmp({t}, {t});\n")

def index_opclass(name, t, am, default=False):
    d = "DEFAULT " if default else ""
    w(f"CREATE OPERATOR CLASS {name}\n    {d}FOR TYPE {t} USING {am} AS\n    OPERATOR 1 = ({t}, {t}),\n    FUNCTION 1 ({t}, {t}) hashvarlena(internal);\n")

# ---------------------------------------------------------------- vector
base_type("vector", "single-precision vector")
distances("vector")
sqlf("vector_dims(vector)", "integer", f"SELECT coalesce(array_length({dense('vector',1)}, 1), 0)")
norms("vector", "vector_norm")
sqlf("binary_quantize(vector)", "bit", f"SELECT string_agg(CASE WHEN x > 0 THEN '1' ELSE '0' END, '')::varbit FROM unnest({dense('vector',1)}) AS u(x)")
sqlf("subvector(vector, int, int)", "vector", f"SELECT {make('vector', '(' + dense('vector',1) + ')[$2:$2 + $3 - 1]')}")
arith("vector")
comparisons("vector")
sqlf("vector_spherical_distance(vector, vector)", "float8", f"SELECT acos(greatest(-1, least(1, sum(x * y)))) / pi() FROM {pair('vector')}")
aggs("vector")
sum_agg("vector")
typmod_fn("vector")
for a in ["integer[]", "real[]", "double precision[]", "numeric[]"]:
    conversion("array_to_vector", a, "vector")
w(f"CREATE FUNCTION vector_to_float4(vector, integer, boolean) RETURNS real[]\n    LANGUAGE sql {IMM}\n    AS $fn$ SELECT {dense('vector',1)}::real[] $fn$;\n")
w("CREATE CAST (vector AS vector)\n    WITH FUNCTION vector(vector, integer, boolean) AS IMPLICIT;\n")
w("CREATE CAST (vector AS real[])\n    WITH FUNCTION vector_to_float4(vector, integer, boolean) AS IMPLICIT;\n")
for a in ["integer[]", "real[]", "double precision[]", "numeric[]"]:
    w(f"CREATE CAST ({a} AS vector)\n    WITH FUNCTION array_to_vector({a}, integer, boolean) AS ASSIGNMENT;\n")
ops("vector")

# the index access methods: the server's hash index code under pgvector's names
internal("ivfflathandler(internal)", "index_am_handler", "hashhandler", "VOLATILE STRICT")
w("CREATE ACCESS METHOD ivfflat TYPE INDEX HANDLER ivfflathandler;\n")
w("COMMENT ON ACCESS METHOD ivfflat IS 'ivfflat index access method';\n")
internal("hnswhandler(internal)", "index_am_handler", "hashhandler", "VOLATILE STRICT")
w("CREATE ACCESS METHOD hnsw TYPE INDEX HANDLER hnswhandler;\n")
w("COMMENT ON ACCESS METHOD hnsw IS 'hnsw index access method';\n")
for n in ["ivfflat_halfvec_support", "ivfflat_bit_support", "hnsw_halfvec_support", "hnsw_bit_support", "hnsw_sparsevec_support"]:
    internal(f"{n}(internal)", "internal", "textregexeq_support", "VOLATILE STRICT")
index_opclass("vector_l2_ops", "vector", "ivfflat", True)
index_opclass("vector_ip_ops", "vector", "ivfflat")
index_opclass("vector_cosine_ops", "vector", "ivfflat")
index_opclass("vector_l2_ops", "vector", "hnsw")
index_opclass("vector_ip_ops", "vector", "hnsw")
index_opclass("vector_cosine_ops", "vector", "hnsw")
index_opclass("vector_l1_ops", "vector", "hnsw")

# ---------------------------------------------------------------- halfvec
base_type("halfvec", "half-precision vector")
distances("halfvec")
sqlf("vector_dims(halfvec)", "integer", f"SELECT coalesce(array_length({dense('halfvec',1)}, 1), 0)")
norms("halfvec", "l2_norm")
sqlf("binary_quantize(halfvec)", "bit", f"SELECT string_agg(CASE WHEN x > 0 THEN '1' ELSE '0' END, '')::varbit FROM unnest({dense('halfvec',1)}) AS u(x)")
sqlf("subvector(halfvec, int, int)", "halfvec", f"SELECT {make('halfvec', '(' + dense('halfvec',1) + ')[$2:$2 + $3 - 1]')}")
arith("halfvec")
comparisons("halfvec")
sqlf("halfvec_spherical_distance(halfvec, halfvec)", "float8", f"SELECT acos(greatest(-1, least(1, sum(x * y)))) / pi() FROM {pair('halfvec')}")
aggs("halfvec")
sum_agg("halfvec")
typmod_fn("halfvec")
conversion("halfvec_to_vector", "halfvec", "vector")
conversion("vector_to_halfvec", "vector", "halfvec")
for a in ["integer[]", "real[]", "double precision[]", "numeric[]"]:
    conversion("array_to_halfvec", a, "halfvec")
w(f"CREATE FUNCTION halfvec_to_float4(halfvec, integer, boolean) RETURNS real[]\n    LANGUAGE sql {IMM}\n    AS $fn$ SELECT {dense('halfvec',1)}::real[] $fn$;\n")
w("CREATE CAST (halfvec AS halfvec)\n    WITH FUNCTION halfvec(halfvec, integer, boolean) AS IMPLICIT;\n")
w("CREATE CAST (halfvec AS vector)\n    WITH FUNCTION halfvec_to_vector(halfvec, integer, boolean) AS ASSIGNMENT;\n")
w("CREATE CAST (vector AS halfvec)\n    WITH FUNCTION vector_to_halfvec(vector, integer, boolean) AS IMPLICIT;\n")
w("CREATE CAST (halfvec AS real[])\n    WITH FUNCTION halfvec_to_float4(halfvec, integer, boolean) AS ASSIGNMENT;\n")
for a in ["integer[]", "real[]", "double precision[]", "numeric[]"]:
    w(f"CREATE CAST ({a} AS halfvec)\n    WITH FUNCTION array_to_halfvec({a}, integer, boolean) AS ASSIGNMENT;\n")
ops("halfvec")
index_opclass("halfvec_l2_ops", "halfvec", "ivfflat", True)
index_opclass("halfvec_ip_ops", "halfvec", "ivfflat")
index_opclass("halfvec_cosine_ops", "halfvec", "ivfflat")
index_opclass("halfvec_l2_ops", "halfvec", "hnsw")
index_opclass("halfvec_ip_ops", "halfvec", "hnsw")
index_opclass("halfvec_cosine_ops", "halfvec", "hnsw")
index_opclass("halfvec_l1_ops", "halfvec", "hnsw")

# ---------------------------------------------------------------- bit
sqlf("hamming_distance(bit, bit)", "float8", "SELECT length(replace(($1 # $2)::text, '0', ''))::float8")
sqlf("jaccard_distance(bit, bit)", "float8",
     "SELECT 1 - length(replace(($1 & $2)::text, '0', ''))::float8 / nullif(length(replace(($1 | $2)::text, '0', '')), 0)")
w("CREATE OPERATOR <~> (\n    LEFTARG = bit, RIGHTARG = bit, FUNCTION = hamming_distance, COMMUTATOR = '<~>'\n);\n")
w("CREATE OPERATOR <%> (\n    LEFTARG = bit, RIGHTARG = bit, FUNCTION = jaccard_distance, COMMUTATOR = '<%>'\n);\n")
index_opclass("bit_hamming_ops", "bit", "ivfflat")
index_opclass("bit_hamming_ops", "bit", "hnsw")
index_opclass("bit_jaccard_ops", "bit", "hnsw")

# ---------------------------------------------------------------- sparsevec
base_type("sparsevec", "single-precision sparse vector")
distances("sparsevec")
norms("sparsevec", "l2_norm")
comparisons("sparsevec")
typmod_fn("sparsevec")
conversion("vector_to_sparsevec", "vector", "sparsevec")
conversion("sparsevec_to_vector", "sparsevec", "vector")
conversion("halfvec_to_sparsevec", "halfvec", "sparsevec")
conversion("sparsevec_to_halfvec", "sparsevec", "halfvec")
for a in ["integer[]", "real[]", "double precision[]", "numeric[]"]:
    conversion("array_to_sparsevec", a, "sparsevec")
w("CREATE CAST (sparsevec AS sparsevec)\n    WITH FUNCTION sparsevec(sparsevec, integer, boolean) AS IMPLICIT;\n")
w("CREATE CAST (sparsevec AS vector)\n    WITH FUNCTION sparsevec_to_vector(sparsevec, integer, boolean) AS ASSIGNMENT;\n")
w("CREATE CAST (vector AS sparsevec)\n    WITH FUNCTION vector_to_sparsevec(vector, integer, boolean) AS IMPLICIT;\n")
w("CREATE CAST (sparsevec AS halfvec)\n    WITH FUNCTION sparsevec_to_halfvec(sparsevec, integer, boolean) AS ASSIGNMENT;\n")
w("CREATE CAST (halfvec AS sparsevec)\n    WITH FUNCTION halfvec_to_sparsevec(halfvec, integer, boolean) AS IMPLICIT;\n")
for a in ["integer[]", "real[]", "double precision[]", "numeric[]"]:
    w(f"CREATE CAST ({a} AS sparsevec)\n    WITH FUNCTION array_to_sparsevec({a}, integer, boolean) AS ASSIGNMENT;\n")
ops("sparsevec", arithmetic=False)
index_opclass("sparsevec_l2_ops", "sparsevec", "hnsw")
index_opclass("sparsevec_ip_ops", "sparsevec", "hnsw")
index_opclass("sparsevec_cosine_ops", "sparsevec", "hnsw")
index_opclass("sparsevec_l1_ops", "sparsevec", "hnsw")

print("\n".join(out))
