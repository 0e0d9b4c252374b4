-- Supabase platform baseline, part 5: the realtime schema as supabase/realtime's tenant
-- migrations leave it today: realtime.messages (partitioned by day of inserted_at, as on the
-- platform; no partition exists until the realtime server makes one), the
-- postgres_changes subscription table and its types, realtime.topic(), realtime.send() and
-- realtime.broadcast_changes(). The WAL-decoding functions the realtime server calls
-- (apply_rls, list_changes, ...) are left out. Written for gen-types; see ../README.md.

SET ROLE supabase_realtime_admin;

CREATE TYPE realtime.action AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');

CREATE TYPE realtime.equality_op AS ENUM (
    'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is', 'match', 'imatch', 'isdistinct'
);

CREATE TYPE realtime.user_defined_filter AS (
    column_name text,
    op realtime.equality_op,
    value text,
    negate boolean
);

CREATE TYPE realtime.wal_column AS (
    name text,
    type_name text,
    type_oid oid,
    value jsonb,
    is_pkey boolean,
    is_selectable boolean
);

CREATE TYPE realtime.wal_rls AS (
    wal jsonb,
    is_rls_enabled boolean,
    subscription_ids uuid[],
    errors text[]
);

CREATE TABLE realtime.schema_migrations (
    version bigint NOT NULL PRIMARY KEY,
    inserted_at timestamp(0) without time zone
);

-- The role named in a subscriber's JWT claims, or NULL.
CREATE FUNCTION realtime.to_regrole(role_name text) RETURNS regrole
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT role_name::regrole $fn$;

CREATE TABLE realtime.subscription (
    id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    subscription_id uuid NOT NULL,
    entity regclass NOT NULL,
    filters realtime.user_defined_filter[] DEFAULT '{}'::realtime.user_defined_filter[] NOT NULL,
    claims jsonb NOT NULL,
    claims_role regrole GENERATED ALWAYS AS (realtime.to_regrole(claims ->> 'role')) STORED NOT NULL,
    created_at timestamp without time zone DEFAULT timezone('utc'::text, now()) NOT NULL,
    action_filter text DEFAULT '*'::text,
    selected_columns text[],
    CONSTRAINT pk_subscription PRIMARY KEY (id),
    CONSTRAINT subscription_action_filter_check
        CHECK (action_filter = ANY (ARRAY['*'::text, 'INSERT'::text, 'UPDATE'::text, 'DELETE'::text]))
);
CREATE INDEX ix_realtime_subscription_entity ON realtime.subscription USING btree (entity);

CREATE TABLE realtime.messages (
    topic text NOT NULL,
    extension text NOT NULL,
    payload jsonb,
    event text,
    private boolean DEFAULT false,
    updated_at timestamp without time zone DEFAULT now() NOT NULL,
    inserted_at timestamp without time zone DEFAULT now() NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    binary_payload bytea,
    CONSTRAINT messages_pkey PRIMARY KEY (id, inserted_at),
    CONSTRAINT messages_payload_exclusive CHECK (payload IS NULL OR binary_payload IS NULL)
) PARTITION BY RANGE (inserted_at);
CREATE INDEX messages_inserted_at_topic_index ON realtime.messages USING btree (inserted_at DESC, topic)
    WHERE extension = 'broadcast'::text AND private IS TRUE;
ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;

-- The topic of the broadcast being authorised (set by the realtime server and by send()).
CREATE FUNCTION realtime.topic() RETURNS text
    LANGUAGE sql STABLE
    AS $fn$ SELECT nullif(current_setting('realtime.topic', true), '')::text $fn$;

-- Broadcasts a message to a topic by inserting it into realtime.messages; a failure (such as
-- no partition for today) becomes a warning, never an error in the caller's transaction.
CREATE FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    PERFORM set_config('realtime.topic', topic, true);
    INSERT INTO realtime.messages (payload, event, topic, private, extension)
    VALUES (payload, event, topic, private, 'broadcast');
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'ErrorSendingBroadcastMessage: %', SQLERRM;
END
$fn$;

CREATE FUNCTION realtime.send(payload bytea, event text, topic text, private boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    PERFORM set_config('realtime.topic', topic, true);
    INSERT INTO realtime.messages (binary_payload, event, topic, private, extension)
    VALUES (payload, event, topic, private, 'broadcast');
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'ErrorSendingBroadcastMessage: %', SQLERRM;
END
$fn$;

-- Called from a row trigger: broadcasts the change (old and new row) to a topic.
CREATE FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text DEFAULT 'ROW'::text) RETURNS void
    LANGUAGE plpgsql
    AS $fn$
BEGIN
    IF level = 'STATEMENT' THEN
        RAISE EXCEPTION 'function can only be triggered for each row, not for each statement';
    END IF;
    IF operation NOT IN ('INSERT', 'UPDATE', 'DELETE') THEN
        RAISE EXCEPTION 'Unexpected operation type: %', operation;
    END IF;
    PERFORM realtime.send(
        jsonb_build_object('old_record', old, 'record', new, 'operation', operation,
                           'table', table_name, 'schema', table_schema),
        event_name, topic_name);
END
$fn$;

RESET ROLE;

GRANT ALL ON realtime.messages TO postgres, anon, authenticated, service_role;
GRANT SELECT ON realtime.schema_migrations TO postgres, anon, authenticated, service_role;
GRANT ALL ON realtime.subscription TO postgres, service_role;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA realtime TO postgres, anon, authenticated, service_role;

-- The publication the realtime server listens to; projects add their tables to it.
DO $publication$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
        CREATE PUBLICATION supabase_realtime;
    END IF;
END
$publication$;
ALTER PUBLICATION supabase_realtime OWNER TO postgres;
