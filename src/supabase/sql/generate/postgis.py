#!/usr/bin/env python3
# Writes the PostGIS shim: python3 postgis.py > ../shims/postgis/postgis--3.3.7.sql
out = []
w = out.append
IMM = "IMMUTABLE STRICT PARALLEL SAFE"
w("""-- gen-types shim for PostGIS 3.3.7 (a subset): the geometry and geography types with their
-- (type, srid) modifiers, spatial_ref_sys, the geometry_columns and geography_columns views,
-- casts, comparison and bounding-box operators, default GiST and btree operator classes, and
-- a set of ST_ functions with PostGIS's signatures. Values are kept as the text they were
-- written in (WKT or EWKT): points are understood (ST_X, ST_Y, ST_AsGeoJSON, distances), other
-- geometry operations raise an error. The GiST operator classes use contrib btree_gist's
-- byte-string support functions (its library ships with the server): they index byte order,
-- not space. Written for gen-types; see src/supabase/sql/README.md.
\\echo Use "CREATE EXTENSION postgis" to load this file. \\quit

CREATE TABLE spatial_ref_sys (
    srid integer NOT NULL PRIMARY KEY CHECK (srid > 0 AND srid <= 998999),
    auth_name character varying(256),
    auth_srid integer,
    srtext character varying(2048),
    proj4text character varying(2048)
);
INSERT INTO spatial_ref_sys VALUES
    (4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', '+proj=longlat +datum=WGS84 +no_defs'),
    (3857, 'EPSG', 3857, 'PROJCS["WGS 84 / Pseudo-Mercator"]', '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs');
SELECT pg_catalog.pg_extension_config_dump('spatial_ref_sys', 'WHERE NOT (srid BETWEEN 2000 AND 6999 OR srid = 3857 OR srid BETWEEN 900000 AND 900999)');
GRANT SELECT ON spatial_ref_sys TO PUBLIC;

""")

TYPMOD_BODY = "DECLARE\n    kind text := upper(($1::text[])[1]);\n    kinds text[] := ARRAY['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON',\n        'GEOMETRYCOLLECTION', 'CIRCULARSTRING', 'COMPOUNDCURVE', 'CURVEPOLYGON', 'MULTICURVE', 'MULTISURFACE',\n        'POLYHEDRALSURFACE', 'TRIANGLE', 'TIN'];\n    dims text := '';\n    code integer;\nBEGIN\n    -- The longest known name the modifier starts with; what follows is Z, M or ZM.\n    FOREACH dims IN ARRAY ARRAY['ZM', 'Z', 'M', ''] LOOP\n        EXIT WHEN right(kind, length(dims)) = dims\n            AND (left(kind, length(kind) - length(dims)) = ANY (kinds)\n                 OR left(kind, length(kind) - length(dims)) = 'GEOMETRY');\n    END LOOP;\n    code := coalesce(array_position(kinds, left(kind, length(kind) - length(dims))), 0);\n    IF code = 0 AND left(kind, length(kind) - length(dims)) <> 'GEOMETRY' THEN\n        RAISE EXCEPTION 'Invalid geometry type modifier: %', ($1::text[])[1] USING ERRCODE = '22023';\n    END IF;\n    RETURN (coalesce(nullif(($1::text[])[2], '')::integer, default_srid) << 8) | (code << 2)\n        | (CASE WHEN dims IN ('Z', 'ZM') THEN 2 ELSE 0 END) | (CASE WHEN dims IN ('M', 'ZM') THEN 1 ELSE 0 END);\nEND\n"

def f(sig, ret, body, lang="sql", attrs=IMM):
    w(f"CREATE FUNCTION {sig} RETURNS {ret}\n    LANGUAGE {lang} {attrs}\n    AS $fn$ {body} $fn$;\n")

def unavailable(sig, ret):
    name = sig.split("(")[0]
    w(f"CREATE FUNCTION {sig} RETURNS {ret}\n    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE\n"
      f"    AS $fn$ BEGIN RAISE EXCEPTION '{name} is not available in the gen-types PostGIS shim'; END $fn$;\n")

for t, srid in (("geometry", 0), ("geography", 4326)):
    w(f"CREATE TYPE {t};\n")
    io_args = "" if t == "geometry" else ", oid, integer"
    w(f"CREATE FUNCTION {t}_in(cstring{io_args}) RETURNS {t}\n    LANGUAGE internal {IMM}\n    AS 'textin';\n")
    w(f"CREATE FUNCTION {t}_out({t}) RETURNS cstring\n    LANGUAGE internal {IMM}\n    AS 'textout';\n")
    w(f"CREATE FUNCTION {t}_recv(internal{io_args}) RETURNS {t}\n    LANGUAGE internal {IMM}\n    AS 'textrecv';\n")
    w(f"CREATE FUNCTION {t}_send({t}) RETURNS bytea\n    LANGUAGE internal {IMM}\n    AS 'textsend';\n")
    w(f"-- The type modifier: SRID << 8 | geometry type << 2 | has Z << 1 | has M, as PostGIS packs it.\n"
      f"CREATE FUNCTION {t}_typmod_in(cstring[]) RETURNS integer\n    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE\n    AS $fn$\n"
      + TYPMOD_BODY.replace("default_srid", str(srid)) + "$fn$;\n")
    w(f"CREATE TYPE {t} (\n    INPUT = {t}_in,\n    OUTPUT = {t}_out,\n    RECEIVE = {t}_recv,\n    SEND = {t}_send,\n"
      f"    TYPMOD_IN = {t}_typmod_in,\n    INTERNALLENGTH = VARIABLE,\n    STORAGE = main\n);\n")
    # the modifier coercion: accepted as is (no SRID or type check)
    f(f"{t}({t}, integer, boolean)", t, "SELECT $1")
    w(f"CREATE CAST ({t} AS {t}) WITH FUNCTION {t}({t}, integer, boolean) AS IMPLICIT;\n")

# text conversions and casts (binary: both are text inside)
w("CREATE CAST (text AS geometry) WITHOUT FUNCTION AS IMPLICIT;\n")
w("CREATE CAST (geometry AS text) WITHOUT FUNCTION AS IMPLICIT;\n")
w("CREATE CAST (geometry AS geography) WITHOUT FUNCTION AS IMPLICIT;\n")
w("CREATE CAST (geography AS geometry) WITHOUT FUNCTION;\n")
f("geometry(text)", "geometry", "SELECT $1::geometry")
f("text(geometry)", "text", "SELECT $1::text")
f("geography(geometry)", "geography", "SELECT $1::geography")
f("geometry(geography)", "geometry", "SELECT $1::geometry")

# the text of a value without its SRID prefix, and its SRID
BODY = "regexp_replace({0}::text, '^SRID=\\d+;', '')"
SRID = "coalesce(substring({0}::text FROM '^SRID=(\\d+);')::integer, {1})"
NUM = "(regexp_match({0}, 'POINT\\s*(?:Z|M|ZM)?\\s*\\(\\s*([-+0-9.eE]+)\\s+([-+0-9.eE]+)', 'i'))[{1}]::float8"

for t, d in (("geometry", 0), ("geography", 4326)):
    for name, op, neg, comm in [("lt", "<", ">=", ">"), ("le", "<=", ">", ">="), ("eq", "=", "<>", "="),
                                ("ge", ">=", "<", "<="), ("gt", ">", "<=", "<")]:
        args = f"geom1 {t}, geom2 {t}" if t == "geometry" else f"{t}, {t}"
        w(f"CREATE FUNCTION {t}_{name}({args}) RETURNS boolean\n    LANGUAGE internal {IMM}\n    AS 'bytea{name}';\n")
    args = f"geom1 {t}, geom2 {t}" if t == "geometry" else f"{t}, {t}"
    w(f"CREATE FUNCTION {t}_cmp({args}) RETURNS integer\n    LANGUAGE internal {IMM}\n    AS 'byteacmp';\n")
    for name, op, neg, comm in [("lt", "<", ">=", ">"), ("le", "<=", ">", ">="), ("eq", "=", None, "="),
                                ("ge", ">=", "<", "<="), ("gt", ">", "<=", "<")]:
        sel = ("eqsel", "eqjoinsel") if op == "=" else (("scalarltsel", "scalarltjoinsel") if "<" in op else ("scalargtsel", "scalargtjoinsel"))
        neg_clause = f", NEGATOR = {neg}" if neg else ""
        w(f"CREATE OPERATOR {op} (\n    LEFTARG = {t}, RIGHTARG = {t}, PROCEDURE = {t}_{name},\n"
          f"    COMMUTATOR = {comm}{neg_clause}, RESTRICT = {sel[0]}, JOIN = {sel[1]}\n);\n")
    w(f"CREATE OPERATOR CLASS btree_{t}_ops\n    DEFAULT FOR TYPE {t} USING btree AS\n"
      f"    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,\n    FUNCTION 1 {t}_cmp({t}, {t});\n")

# points and distances
f("st_srid(geom geometry)", "integer", "SELECT " + SRID.format("geom", 0))
f("st_srid(geog geography)", "integer", "SELECT " + SRID.format("geog", 4326))
f("st_setsrid(geom geometry, srid integer)", "geometry", "SELECT ('SRID=' || srid || ';' || " + BODY.format("geom") + ")::geometry")
f("st_setsrid(geog geography, srid integer)", "geography", "SELECT ('SRID=' || srid || ';' || " + BODY.format("geog") + ")::geography")
f("st_point(double precision, double precision)", "geometry", "SELECT format('POINT(%s %s)', $1, $2)::geometry")
f("st_point(double precision, double precision, srid integer)", "geometry", "SELECT format('SRID=%s;POINT(%s %s)', srid, $1, $2)::geometry")
f("st_makepoint(double precision, double precision)", "geometry", "SELECT format('POINT(%s %s)', $1, $2)::geometry")
f("st_makepoint(double precision, double precision, double precision)", "geometry", "SELECT format('POINT Z (%s %s %s)', $1, $2, $3)::geometry")
f("st_makepoint(double precision, double precision, double precision, double precision)", "geometry", "SELECT format('POINT ZM (%s %s %s %s)', $1, $2, $3, $4)::geometry")
f("st_x(geometry)", "double precision", "SELECT " + NUM.format("$1::text", 1))
f("st_y(geometry)", "double precision", "SELECT " + NUM.format("$1::text", 2))
f("st_astext(geometry)", "text", "SELECT " + BODY.format("$1"))
f("st_astext(geometry, integer)", "text", "SELECT " + BODY.format("$1"))
f("st_astext(geography)", "text", "SELECT " + BODY.format("$1"))
f("st_astext(geography, integer)", "text", "SELECT " + BODY.format("$1"))
f("st_astext(text)", "text", "SELECT " + BODY.format("$1"))
f("st_asewkt(geometry)", "text", "SELECT $1::text")
f("st_geomfromtext(text)", "geometry", "SELECT $1::geometry")
f("st_geomfromtext(text, integer)", "geometry", "SELECT ('SRID=' || $2 || ';' || " + BODY.format("$1") + ")::geometry")
f("st_geogfromtext(text)", "geography", "SELECT $1::geography")
f("st_geographyfromtext(text)", "geography", "SELECT $1::geography")
GJ_POINT = ("SELECT CASE WHEN {x} IS NULL THEN NULL ELSE format('{{\"type\":\"Point\",\"coordinates\":[%s,%s]}}', {x}, {y}) END")
f("st_asgeojson(geom geometry, maxdecimaldigits integer DEFAULT 9, options integer DEFAULT 8)", "text",
  GJ_POINT.format(x=NUM.format("geom::text", 1), y=NUM.format("geom::text", 2)))
f("st_asgeojson(geog geography, maxdecimaldigits integer DEFAULT 9, options integer DEFAULT 0)", "text",
  GJ_POINT.format(x=NUM.format("geog::text", 1), y=NUM.format("geog::text", 2)))
f("st_asgeojson(text)", "text", GJ_POINT.format(x=NUM.format("$1", 1), y=NUM.format("$1", 2)))
GEOJSON_IN = ("SELECT CASE WHEN ($1::jsonb ->> 'type') = 'Point' THEN format('SRID=4326;POINT(%s %s)', "
              "$1::jsonb -> 'coordinates' ->> 0, $1::jsonb -> 'coordinates' ->> 1)::geometry END")
f("st_geomfromgeojson(text)", "geometry", GEOJSON_IN)
f("st_geomfromgeojson(json)", "geometry", GEOJSON_IN)
f("st_geomfromgeojson(jsonb)", "geometry", GEOJSON_IN)
EUCLID = ("SELECT sqrt(({x1} - {x2}) ^ 2 + ({y1} - {y2}) ^ 2)")
HAVERSINE = ("SELECT 2 * 6371008.8 * asin(sqrt(sin(radians({y2} - {y1}) / 2) ^ 2 + "
             "cos(radians({y1})) * cos(radians({y2})) * sin(radians({x2} - {x1}) / 2) ^ 2))")
def pts(a, b):
    return dict(x1=NUM.format(f"{a}::text", 1), y1=NUM.format(f"{a}::text", 2),
                x2=NUM.format(f"{b}::text", 1), y2=NUM.format(f"{b}::text", 2))
f("st_distance(geom1 geometry, geom2 geometry)", "double precision", EUCLID.format(**pts("geom1", "geom2")))
f("st_distance(geog1 geography, geog2 geography, use_spheroid boolean DEFAULT true)", "double precision", HAVERSINE.format(**pts("geog1", "geog2")))
f("st_distance(text, text)", "double precision", EUCLID.format(**pts("$1", "$2")))
f("st_dwithin(geom1 geometry, geom2 geometry, double precision)", "boolean", "SELECT st_distance(geom1, geom2) <= $3")
f("st_dwithin(geog1 geography, geog2 geography, tolerance double precision, use_spheroid boolean DEFAULT true)", "boolean", "SELECT st_distance(geog1, geog2, use_spheroid) <= tolerance")
f("st_dwithin(text, text, double precision)", "boolean", "SELECT st_distance($1, $2) <= $3")
f("st_makeenvelope(double precision, double precision, double precision, double precision, integer DEFAULT 0)", "geometry",
  "SELECT format('SRID=%s;POLYGON((%s %s,%s %s,%s %s,%s %s,%s %s))', $5, $1, $2, $1, $4, $3, $4, $3, $2, $1, $2)::geometry")
f("st_geometrytype(geometry)", "text", "SELECT 'ST_' || initcap((regexp_match(" + BODY.format("$1") + ", '^\\s*([A-Za-z]+)'))[1])")
f("geometrytype(geometry)", "text", "SELECT upper((regexp_match(" + BODY.format("$1") + ", '^\\s*([A-Za-z]+)'))[1])")
f("postgis_version()", "text", "SELECT '3.3 USE_GEOS=0 USE_PROJ=0 USE_STATS=0 (gen-types shim)'::text")
f("postgis_full_version()", "text", "SELECT 'POSTGIS=\"3.3.7 gen-types shim\"'::text")
for sig, ret in [
    ("st_intersects(geom1 geometry, geom2 geometry)", "boolean"),
    ("st_intersects(geog1 geography, geog2 geography)", "boolean"),
    ("st_intersects(text, text)", "boolean"),
    ("st_contains(geom1 geometry, geom2 geometry)", "boolean"),
    ("st_within(geom1 geometry, geom2 geometry)", "boolean"),
    ("st_covers(geom1 geometry, geom2 geometry)", "boolean"),
    ("st_covers(geog1 geography, geog2 geography)", "boolean"),
    ("st_transform(geometry, integer)", "geometry"),
    ("st_buffer(geom geometry, radius double precision, options text DEFAULT ''::text)", "geometry"),
    ("st_buffer(geography, double precision)", "geography"),
    ("st_area(geometry)", "double precision"),
    ("st_area(geog geography, use_spheroid boolean DEFAULT true)", "double precision"),
    ("st_length(geometry)", "double precision"),
    ("st_length(geog geography, use_spheroid boolean DEFAULT true)", "double precision"),
    ("st_centroid(geometry)", "geometry"),
    ("st_union(geom1 geometry, geom2 geometry)", "geometry"),
    ("st_simplify(geometry, double precision)", "geometry"),
    ("st_isvalid(geometry)", "boolean"),
]:
    unavailable(sig, ret)

# bounding-box overlap and distance operators
unavailable("geometry_overlaps(geom1 geometry, geom2 geometry)", "boolean")
w("CREATE OPERATOR && (\n    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_overlaps,\n    COMMUTATOR = &&\n);\n")
unavailable("geography_overlaps(geography, geography)", "boolean")
w("CREATE OPERATOR && (\n    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_overlaps,\n    COMMUTATOR = &&\n);\n")
f("geometry_distance_centroid(geom1 geometry, geom2 geometry)", "double precision", "SELECT st_distance(geom1, geom2)")
w("CREATE OPERATOR <-> (\n    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_distance_centroid,\n    COMMUTATOR = <->\n);\n")
f("geography_distance_knn(geography, geography)", "double precision", "SELECT st_distance($1, $2, true)")
w("CREATE OPERATOR <-> (\n    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_distance_knn,\n    COMMUTATOR = <->\n);\n")

# GiST: btree_gist's byte-string support functions, under PostGIS's names
SUPPORT = [(1, "consistent", "(internal, {t}, integer)", "boolean", "gbt_bytea_consistent"),
           (2, "union", "(bytea, internal)", "internal", "gbt_bytea_union"),
           (3, "compress", "(internal)", "internal", "gbt_bytea_compress"),
           (4, "decompress", "(internal)", "internal", "gbt_var_decompress"),
           (5, "penalty", "(internal, internal, internal)", "internal", "gbt_bytea_penalty"),
           (6, "picksplit", "(internal, internal)", "internal", "gbt_bytea_picksplit"),
           (7, "same", "(geom1 {t}, geom2 {t}, internal)", "internal", "gbt_bytea_same")]
for t, suffix, opclass in (("geometry", "_2d", "gist_geometry_ops_2d"), ("geography", "", "gist_geography_ops")):
    fns = []
    for num, name, args, ret, sym in SUPPORT:
        fname = f"{t}_gist_{name}{suffix}"
        w(f"CREATE FUNCTION {fname}{args.format(t=t)} RETURNS {ret}\n    LANGUAGE c STRICT\n    AS '$libdir/btree_gist', '{sym}';\n")
        fns.append(f"    FUNCTION {num} {fname}{args.format(t=t)}")
    w(f"CREATE OPERATOR CLASS {opclass}\n    DEFAULT FOR TYPE {t} USING gist AS\n"
      f"    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,\n" + ",\n".join(fns) + ";\n")

w("""CREATE VIEW geometry_columns AS
SELECT current_database()::character varying(256) AS f_table_catalog, n.nspname AS f_table_schema,
    c.relname AS f_table_name, a.attname AS f_geometry_column,
    CASE WHEN a.atttypmod > 0 THEN 2 + ((a.atttypmod >> 1) & 1) + (a.atttypmod & 1) ELSE 2 END AS coord_dimension,
    CASE WHEN a.atttypmod > 0 THEN a.atttypmod >> 8 ELSE 0 END AS srid,
    'GEOMETRY'::character varying(30) AS type
FROM pg_class AS c
JOIN pg_attribute AS a ON a.attrelid = c.oid AND NOT a.attisdropped
JOIN pg_namespace AS n ON c.relnamespace = n.oid
WHERE a.atttypid = 'geometry'::regtype AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT pg_is_other_temp_schema(c.relnamespace) AND has_table_privilege(c.oid, 'SELECT');

CREATE VIEW geography_columns AS
SELECT current_database() AS f_table_catalog, n.nspname AS f_table_schema, c.relname AS f_table_name,
    a.attname AS f_geography_column,
    CASE WHEN a.atttypmod > 0 THEN 2 + ((a.atttypmod >> 1) & 1) + (a.atttypmod & 1) ELSE 2 END AS coord_dimension,
    CASE WHEN a.atttypmod > 0 THEN a.atttypmod >> 8 ELSE 4326 END AS srid,
    'Geometry'::text AS type
FROM pg_class AS c
JOIN pg_attribute AS a ON a.attrelid = c.oid AND NOT a.attisdropped
JOIN pg_namespace AS n ON c.relnamespace = n.oid
WHERE a.atttypid = 'geography'::regtype AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND NOT pg_is_other_temp_schema(c.relnamespace) AND has_table_privilege(c.oid, 'SELECT');

GRANT SELECT ON geometry_columns, geography_columns TO PUBLIC;
""")
print("\n".join(out))
