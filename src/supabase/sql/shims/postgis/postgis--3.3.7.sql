-- gen-types shim for PostGIS 3.3.7 (a subset): the geometry and geography types with their
-- (type, srid) modifiers, spatial_ref_sys, the geometry_columns and geography_columns views,
-- casts, comparison and bounding-box operators, default GiST and btree operator classes, and
-- a set of ST_ functions with PostGIS's signatures. Values are kept as the text they were
-- written in (WKT or EWKT): points are understood (ST_X, ST_Y, ST_AsGeoJSON, distances), other
-- geometry operations raise an error. The GiST operator classes use contrib btree_gist's
-- byte-string support functions (its library ships with the server): they index byte order,
-- not space. Written for gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION postgis" to load this file. \quit

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


CREATE TYPE geometry;

CREATE FUNCTION geometry_in(cstring) RETURNS geometry
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textin';

CREATE FUNCTION geometry_out(geometry) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textout';

CREATE FUNCTION geometry_recv(internal) RETURNS geometry
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textrecv';

CREATE FUNCTION geometry_send(geometry) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textsend';

-- The type modifier: SRID << 8 | geometry type << 2 | has Z << 1 | has M, as PostGIS packs it.
CREATE FUNCTION geometry_typmod_in(cstring[]) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$
DECLARE
    kind text := upper(($1::text[])[1]);
    kinds text[] := ARRAY['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON',
        'GEOMETRYCOLLECTION', 'CIRCULARSTRING', 'COMPOUNDCURVE', 'CURVEPOLYGON', 'MULTICURVE', 'MULTISURFACE',
        'POLYHEDRALSURFACE', 'TRIANGLE', 'TIN'];
    dims text := '';
    code integer;
BEGIN
    -- The longest known name the modifier starts with; what follows is Z, M or ZM.
    FOREACH dims IN ARRAY ARRAY['ZM', 'Z', 'M', ''] LOOP
        EXIT WHEN right(kind, length(dims)) = dims
            AND (left(kind, length(kind) - length(dims)) = ANY (kinds)
                 OR left(kind, length(kind) - length(dims)) = 'GEOMETRY');
    END LOOP;
    code := coalesce(array_position(kinds, left(kind, length(kind) - length(dims))), 0);
    IF code = 0 AND left(kind, length(kind) - length(dims)) <> 'GEOMETRY' THEN
        RAISE EXCEPTION 'Invalid geometry type modifier: %', ($1::text[])[1] USING ERRCODE = '22023';
    END IF;
    RETURN (coalesce(nullif(($1::text[])[2], '')::integer, 0) << 8) | (code << 2)
        | (CASE WHEN dims IN ('Z', 'ZM') THEN 2 ELSE 0 END) | (CASE WHEN dims IN ('M', 'ZM') THEN 1 ELSE 0 END);
END
$fn$;

CREATE TYPE geometry (
    INPUT = geometry_in,
    OUTPUT = geometry_out,
    RECEIVE = geometry_recv,
    SEND = geometry_send,
    TYPMOD_IN = geometry_typmod_in,
    INTERNALLENGTH = VARIABLE,
    STORAGE = main
);

CREATE FUNCTION geometry(geometry, integer, boolean) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1 $fn$;

CREATE CAST (geometry AS geometry) WITH FUNCTION geometry(geometry, integer, boolean) AS IMPLICIT;

CREATE TYPE geography;

CREATE FUNCTION geography_in(cstring, oid, integer) RETURNS geography
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textin';

CREATE FUNCTION geography_out(geography) RETURNS cstring
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textout';

CREATE FUNCTION geography_recv(internal, oid, integer) RETURNS geography
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textrecv';

CREATE FUNCTION geography_send(geography) RETURNS bytea
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'textsend';

-- The type modifier: SRID << 8 | geometry type << 2 | has Z << 1 | has M, as PostGIS packs it.
CREATE FUNCTION geography_typmod_in(cstring[]) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$
DECLARE
    kind text := upper(($1::text[])[1]);
    kinds text[] := ARRAY['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON',
        'GEOMETRYCOLLECTION', 'CIRCULARSTRING', 'COMPOUNDCURVE', 'CURVEPOLYGON', 'MULTICURVE', 'MULTISURFACE',
        'POLYHEDRALSURFACE', 'TRIANGLE', 'TIN'];
    dims text := '';
    code integer;
BEGIN
    -- The longest known name the modifier starts with; what follows is Z, M or ZM.
    FOREACH dims IN ARRAY ARRAY['ZM', 'Z', 'M', ''] LOOP
        EXIT WHEN right(kind, length(dims)) = dims
            AND (left(kind, length(kind) - length(dims)) = ANY (kinds)
                 OR left(kind, length(kind) - length(dims)) = 'GEOMETRY');
    END LOOP;
    code := coalesce(array_position(kinds, left(kind, length(kind) - length(dims))), 0);
    IF code = 0 AND left(kind, length(kind) - length(dims)) <> 'GEOMETRY' THEN
        RAISE EXCEPTION 'Invalid geometry type modifier: %', ($1::text[])[1] USING ERRCODE = '22023';
    END IF;
    RETURN (coalesce(nullif(($1::text[])[2], '')::integer, 4326) << 8) | (code << 2)
        | (CASE WHEN dims IN ('Z', 'ZM') THEN 2 ELSE 0 END) | (CASE WHEN dims IN ('M', 'ZM') THEN 1 ELSE 0 END);
END
$fn$;

CREATE TYPE geography (
    INPUT = geography_in,
    OUTPUT = geography_out,
    RECEIVE = geography_recv,
    SEND = geography_send,
    TYPMOD_IN = geography_typmod_in,
    INTERNALLENGTH = VARIABLE,
    STORAGE = main
);

CREATE FUNCTION geography(geography, integer, boolean) RETURNS geography
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1 $fn$;

CREATE CAST (geography AS geography) WITH FUNCTION geography(geography, integer, boolean) AS IMPLICIT;

CREATE CAST (text AS geometry) WITHOUT FUNCTION AS IMPLICIT;

CREATE CAST (geometry AS text) WITHOUT FUNCTION AS IMPLICIT;

CREATE CAST (geometry AS geography) WITHOUT FUNCTION AS IMPLICIT;

CREATE CAST (geography AS geometry) WITHOUT FUNCTION;

CREATE FUNCTION geometry(text) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::geometry $fn$;

CREATE FUNCTION text(geometry) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::text $fn$;

CREATE FUNCTION geography(geometry) RETURNS geography
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::geography $fn$;

CREATE FUNCTION geometry(geography) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::geometry $fn$;

CREATE FUNCTION geometry_lt(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'bytealt';

CREATE FUNCTION geometry_le(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteale';

CREATE FUNCTION geometry_eq(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteaeq';

CREATE FUNCTION geometry_ge(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteage';

CREATE FUNCTION geometry_gt(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteagt';

CREATE FUNCTION geometry_cmp(geom1 geometry, geom2 geometry) RETURNS integer
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteacmp';

CREATE OPERATOR < (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR <= (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR = (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_eq,
    COMMUTATOR = =, RESTRICT = eqsel, JOIN = eqjoinsel
);

CREATE OPERATOR >= (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR > (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR CLASS btree_geometry_ops
    DEFAULT FOR TYPE geometry USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 geometry_cmp(geometry, geometry);

CREATE FUNCTION geography_lt(geography, geography) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'bytealt';

CREATE FUNCTION geography_le(geography, geography) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteale';

CREATE FUNCTION geography_eq(geography, geography) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteaeq';

CREATE FUNCTION geography_ge(geography, geography) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteage';

CREATE FUNCTION geography_gt(geography, geography) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteagt';

CREATE FUNCTION geography_cmp(geography, geography) RETURNS integer
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE
    AS 'byteacmp';

CREATE OPERATOR < (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR <= (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);

CREATE OPERATOR = (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_eq,
    COMMUTATOR = =, RESTRICT = eqsel, JOIN = eqjoinsel
);

CREATE OPERATOR >= (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR > (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR CLASS btree_geography_ops
    DEFAULT FOR TYPE geography USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 geography_cmp(geography, geography);

CREATE FUNCTION st_srid(geom geometry) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT coalesce(substring(geom::text FROM '^SRID=(\d+);')::integer, 0) $fn$;

CREATE FUNCTION st_srid(geog geography) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT coalesce(substring(geog::text FROM '^SRID=(\d+);')::integer, 4326) $fn$;

CREATE FUNCTION st_setsrid(geom geometry, srid integer) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('SRID=' || srid || ';' || regexp_replace(geom::text, '^SRID=\d+;', ''))::geometry $fn$;

CREATE FUNCTION st_setsrid(geog geography, srid integer) RETURNS geography
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('SRID=' || srid || ';' || regexp_replace(geog::text, '^SRID=\d+;', ''))::geography $fn$;

CREATE FUNCTION st_point(double precision, double precision) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT format('POINT(%s %s)', $1, $2)::geometry $fn$;

CREATE FUNCTION st_point(double precision, double precision, srid integer) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT format('SRID=%s;POINT(%s %s)', srid, $1, $2)::geometry $fn$;

CREATE FUNCTION st_makepoint(double precision, double precision) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT format('POINT(%s %s)', $1, $2)::geometry $fn$;

CREATE FUNCTION st_makepoint(double precision, double precision, double precision) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT format('POINT Z (%s %s %s)', $1, $2, $3)::geometry $fn$;

CREATE FUNCTION st_makepoint(double precision, double precision, double precision, double precision) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT format('POINT ZM (%s %s %s %s)', $1, $2, $3, $4)::geometry $fn$;

CREATE FUNCTION st_x(geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (regexp_match($1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 $fn$;

CREATE FUNCTION st_y(geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT (regexp_match($1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8 $fn$;

CREATE FUNCTION st_astext(geometry) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT regexp_replace($1::text, '^SRID=\d+;', '') $fn$;

CREATE FUNCTION st_astext(geometry, integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT regexp_replace($1::text, '^SRID=\d+;', '') $fn$;

CREATE FUNCTION st_astext(geography) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT regexp_replace($1::text, '^SRID=\d+;', '') $fn$;

CREATE FUNCTION st_astext(geography, integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT regexp_replace($1::text, '^SRID=\d+;', '') $fn$;

CREATE FUNCTION st_astext(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT regexp_replace($1::text, '^SRID=\d+;', '') $fn$;

CREATE FUNCTION st_asewkt(geometry) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::text $fn$;

CREATE FUNCTION st_geomfromtext(text) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::geometry $fn$;

CREATE FUNCTION st_geomfromtext(text, integer) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT ('SRID=' || $2 || ';' || regexp_replace($1::text, '^SRID=\d+;', ''))::geometry $fn$;

CREATE FUNCTION st_geogfromtext(text) RETURNS geography
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::geography $fn$;

CREATE FUNCTION st_geographyfromtext(text) RETURNS geography
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT $1::geography $fn$;

CREATE FUNCTION st_asgeojson(geom geometry, maxdecimaldigits integer DEFAULT 9, options integer DEFAULT 8) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN (regexp_match(geom::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 IS NULL THEN NULL ELSE format('{"type":"Point","coordinates":[%s,%s]}', (regexp_match(geom::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8, (regexp_match(geom::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8) END $fn$;

CREATE FUNCTION st_asgeojson(geog geography, maxdecimaldigits integer DEFAULT 9, options integer DEFAULT 0) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN (regexp_match(geog::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 IS NULL THEN NULL ELSE format('{"type":"Point","coordinates":[%s,%s]}', (regexp_match(geog::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8, (regexp_match(geog::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8) END $fn$;

CREATE FUNCTION st_asgeojson(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN (regexp_match($1, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 IS NULL THEN NULL ELSE format('{"type":"Point","coordinates":[%s,%s]}', (regexp_match($1, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8, (regexp_match($1, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8) END $fn$;

CREATE FUNCTION st_geomfromgeojson(text) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN ($1::jsonb ->> 'type') = 'Point' THEN format('SRID=4326;POINT(%s %s)', $1::jsonb -> 'coordinates' ->> 0, $1::jsonb -> 'coordinates' ->> 1)::geometry END $fn$;

CREATE FUNCTION st_geomfromgeojson(json) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN ($1::jsonb ->> 'type') = 'Point' THEN format('SRID=4326;POINT(%s %s)', $1::jsonb -> 'coordinates' ->> 0, $1::jsonb -> 'coordinates' ->> 1)::geometry END $fn$;

CREATE FUNCTION st_geomfromgeojson(jsonb) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT CASE WHEN ($1::jsonb ->> 'type') = 'Point' THEN format('SRID=4326;POINT(%s %s)', $1::jsonb -> 'coordinates' ->> 0, $1::jsonb -> 'coordinates' ->> 1)::geometry END $fn$;

CREATE FUNCTION st_distance(geom1 geometry, geom2 geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(((regexp_match(geom1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 - (regexp_match(geom2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8) ^ 2 + ((regexp_match(geom1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8 - (regexp_match(geom2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8) ^ 2) $fn$;

CREATE FUNCTION st_distance(geog1 geography, geog2 geography, use_spheroid boolean DEFAULT true) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 2 * 6371008.8 * asin(sqrt(sin(radians((regexp_match(geog2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8 - (regexp_match(geog1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8) / 2) ^ 2 + cos(radians((regexp_match(geog1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8)) * cos(radians((regexp_match(geog2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8)) * sin(radians((regexp_match(geog2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 - (regexp_match(geog1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8) / 2) ^ 2)) $fn$;

CREATE FUNCTION st_distance(text, text) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT sqrt(((regexp_match($1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8 - (regexp_match($2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[1]::float8) ^ 2 + ((regexp_match($1::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8 - (regexp_match($2::text, 'POINT\s*(?:Z|M|ZM)?\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)', 'i'))[2]::float8) ^ 2) $fn$;

CREATE FUNCTION st_dwithin(geom1 geometry, geom2 geometry, double precision) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT st_distance(geom1, geom2) <= $3 $fn$;

CREATE FUNCTION st_dwithin(geog1 geography, geog2 geography, tolerance double precision, use_spheroid boolean DEFAULT true) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT st_distance(geog1, geog2, use_spheroid) <= tolerance $fn$;

CREATE FUNCTION st_dwithin(text, text, double precision) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT st_distance($1, $2) <= $3 $fn$;

CREATE FUNCTION st_makeenvelope(double precision, double precision, double precision, double precision, integer DEFAULT 0) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT format('SRID=%s;POLYGON((%s %s,%s %s,%s %s,%s %s,%s %s))', $5, $1, $2, $1, $4, $3, $4, $3, $2, $1, $2)::geometry $fn$;

CREATE FUNCTION st_geometrytype(geometry) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 'ST_' || initcap((regexp_match(regexp_replace($1::text, '^SRID=\d+;', ''), '^\s*([A-Za-z]+)'))[1]) $fn$;

CREATE FUNCTION geometrytype(geometry) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT upper((regexp_match(regexp_replace($1::text, '^SRID=\d+;', ''), '^\s*([A-Za-z]+)'))[1]) $fn$;

CREATE FUNCTION postgis_version() RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT '3.3 USE_GEOS=0 USE_PROJ=0 USE_STATS=0 (gen-types shim)'::text $fn$;

CREATE FUNCTION postgis_full_version() RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT 'POSTGIS="3.3.7 gen-types shim"'::text $fn$;

CREATE FUNCTION st_intersects(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_intersects is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_intersects(geog1 geography, geog2 geography) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_intersects is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_intersects(text, text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_intersects is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_contains(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_contains is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_within(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_within is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_covers(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_covers is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_covers(geog1 geography, geog2 geography) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_covers is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_transform(geometry, integer) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_transform is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_buffer(geom geometry, radius double precision, options text DEFAULT ''::text) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_buffer is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_buffer(geography, double precision) RETURNS geography
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_buffer is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_area(geometry) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_area is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_area(geog geography, use_spheroid boolean DEFAULT true) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_area is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_length(geometry) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_length is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_length(geog geography, use_spheroid boolean DEFAULT true) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_length is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_centroid(geometry) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_centroid is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_union(geom1 geometry, geom2 geometry) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_union is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_simplify(geometry, double precision) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_simplify is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION st_isvalid(geometry) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'st_isvalid is not available in the gen-types PostGIS shim'; END $fn$;

CREATE FUNCTION geometry_overlaps(geom1 geometry, geom2 geometry) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'geometry_overlaps is not available in the gen-types PostGIS shim'; END $fn$;

CREATE OPERATOR && (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_overlaps,
    COMMUTATOR = &&
);

CREATE FUNCTION geography_overlaps(geography, geography) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $fn$ BEGIN RAISE EXCEPTION 'geography_overlaps is not available in the gen-types PostGIS shim'; END $fn$;

CREATE OPERATOR && (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_overlaps,
    COMMUTATOR = &&
);

CREATE FUNCTION geometry_distance_centroid(geom1 geometry, geom2 geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT st_distance(geom1, geom2) $fn$;

CREATE OPERATOR <-> (
    LEFTARG = geometry, RIGHTARG = geometry, PROCEDURE = geometry_distance_centroid,
    COMMUTATOR = <->
);

CREATE FUNCTION geography_distance_knn(geography, geography) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $fn$ SELECT st_distance($1, $2, true) $fn$;

CREATE OPERATOR <-> (
    LEFTARG = geography, RIGHTARG = geography, PROCEDURE = geography_distance_knn,
    COMMUTATOR = <->
);

CREATE FUNCTION geometry_gist_consistent_2d(internal, geometry, integer) RETURNS boolean
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_consistent';

CREATE FUNCTION geometry_gist_union_2d(bytea, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_union';

CREATE FUNCTION geometry_gist_compress_2d(internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_compress';

CREATE FUNCTION geometry_gist_decompress_2d(internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_var_decompress';

CREATE FUNCTION geometry_gist_penalty_2d(internal, internal, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_penalty';

CREATE FUNCTION geometry_gist_picksplit_2d(internal, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_picksplit';

CREATE FUNCTION geometry_gist_same_2d(geom1 geometry, geom2 geometry, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_same';

CREATE OPERATOR CLASS gist_geometry_ops_2d
    DEFAULT FOR TYPE geometry USING gist AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 geometry_gist_consistent_2d(internal, geometry, integer),
    FUNCTION 2 geometry_gist_union_2d(bytea, internal),
    FUNCTION 3 geometry_gist_compress_2d(internal),
    FUNCTION 4 geometry_gist_decompress_2d(internal),
    FUNCTION 5 geometry_gist_penalty_2d(internal, internal, internal),
    FUNCTION 6 geometry_gist_picksplit_2d(internal, internal),
    FUNCTION 7 geometry_gist_same_2d(geom1 geometry, geom2 geometry, internal);

CREATE FUNCTION geography_gist_consistent(internal, geography, integer) RETURNS boolean
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_consistent';

CREATE FUNCTION geography_gist_union(bytea, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_union';

CREATE FUNCTION geography_gist_compress(internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_compress';

CREATE FUNCTION geography_gist_decompress(internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_var_decompress';

CREATE FUNCTION geography_gist_penalty(internal, internal, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_penalty';

CREATE FUNCTION geography_gist_picksplit(internal, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_picksplit';

CREATE FUNCTION geography_gist_same(geom1 geography, geom2 geography, internal) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/btree_gist', 'gbt_bytea_same';

CREATE OPERATOR CLASS gist_geography_ops
    DEFAULT FOR TYPE geography USING gist AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 geography_gist_consistent(internal, geography, integer),
    FUNCTION 2 geography_gist_union(bytea, internal),
    FUNCTION 3 geography_gist_compress(internal),
    FUNCTION 4 geography_gist_decompress(internal),
    FUNCTION 5 geography_gist_penalty(internal, internal, internal),
    FUNCTION 6 geography_gist_picksplit(internal, internal),
    FUNCTION 7 geography_gist_same(geom1 geography, geom2 geography, internal);

CREATE VIEW geometry_columns AS
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

