-- gen-types shim for supabase_vault 0.3.1: vault.secrets, the vault.decrypted_secrets view,
-- vault.create_secret() and vault.update_secret() with the extension's signatures. Secrets
-- are stored base64-encoded, not encrypted: the stand-ins for the extension's C crypto
-- functions pass the bytes through. Written for gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION supabase_vault" to load this file. \quit

CREATE FUNCTION vault._crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL::bytea)
    RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT message $fn$;

CREATE FUNCTION vault._crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL::bytea)
    RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT message $fn$;

CREATE FUNCTION vault._crypto_aead_det_noncegen() RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $fn$ SELECT decode(md5(random()::text || clock_timestamp()::text), 'hex') $fn$;

CREATE TABLE vault.secrets (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    name text,
    description text DEFAULT ''::text NOT NULL,
    secret text NOT NULL,
    key_id uuid,
    nonce bytea DEFAULT vault._crypto_aead_det_noncegen(),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);
COMMENT ON TABLE vault.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';
CREATE UNIQUE INDEX secrets_name_idx ON vault.secrets USING btree (name) WHERE name IS NOT NULL;

CREATE VIEW vault.decrypted_secrets AS
SELECT s.id,
    s.name,
    s.description,
    s.secret,
    convert_from(vault._crypto_aead_det_decrypt(decode(s.secret, 'base64'), convert_to(s.id::text, 'utf8'), 0,
        'pgsodium'::bytea, s.nonce), 'utf8') AS decrypted_secret,
    s.key_id,
    s.nonce,
    s.created_at,
    s.updated_at
FROM vault.secrets AS s;

CREATE FUNCTION vault.create_secret(new_secret text, new_name text DEFAULT NULL::text, new_description text DEFAULT ''::text, new_key_id uuid DEFAULT NULL::uuid)
    RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ''
    AS $fn$
DECLARE
    created uuid;
BEGIN
    INSERT INTO vault.secrets (secret, name, description)
    VALUES (encode(convert_to(new_secret, 'utf8'), 'base64'), new_name, new_description)
    RETURNING id INTO created;
    RETURN created;
END
$fn$;

CREATE FUNCTION vault.update_secret(secret_id uuid, new_secret text DEFAULT NULL::text, new_name text DEFAULT NULL::text, new_description text DEFAULT NULL::text, new_key_id uuid DEFAULT NULL::uuid)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ''
    AS $fn$
BEGIN
    UPDATE vault.secrets AS s
    SET secret = coalesce(encode(convert_to(new_secret, 'utf8'), 'base64'), s.secret),
        name = coalesce(new_name, s.name),
        description = coalesce(new_description, s.description),
        updated_at = now()
    WHERE s.id = secret_id;
END
$fn$;

SELECT pg_catalog.pg_extension_config_dump('vault.secrets', '');

REVOKE ALL ON vault.secrets FROM PUBLIC;
REVOKE ALL ON vault.decrypted_secrets FROM PUBLIC;
REVOKE ALL ON FUNCTION vault.create_secret(text, text, text, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION vault.update_secret(uuid, text, text, text, uuid) FROM PUBLIC;
