-- gen-types shim for pgsodium 3.1.10 (a subset): the key table and its views, create_key(),
-- the deterministic and IETF AEAD, secretbox, generic/short hash, HMAC, random-bytes, box,
-- sign and signcrypt functions with pgsodium's signatures, its composite types and roles.
-- There is no cryptography: "encryption" returns the message unchanged, hashes are SHA-2
-- digests of the key and message, random bytes come from random(); box, sign, signcrypt and
-- key exchange raise an error. SECURITY LABEL FOR pgsodium needs pgsodium's C label
-- provider, which cannot exist here: such statements are skipped by `--supabase`, so
-- Transparent Column Encryption's decrypted_<table> views are not created. Written for
-- gen-types; see src/supabase/sql/README.md.
\echo Use "CREATE EXTENSION pgsodium" to load this file. \quit

DO $roles$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['pgsodium_keyiduser', 'pgsodium_keyholder', 'pgsodium_keymaker'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOREPLICATION', role_name);
        END IF;
    END LOOP;
END
$roles$;
GRANT pgsodium_keyiduser TO pgsodium_keyholder;
GRANT pgsodium_keyiduser TO pgsodium_keymaker;
GRANT pgsodium_keyholder TO pgsodium_keymaker;

CREATE TYPE crypto_box_keypair AS (public bytea, secret bytea);
CREATE TYPE crypto_sign_keypair AS (public bytea, secret bytea);
CREATE TYPE crypto_kx_keypair AS (public bytea, secret bytea);
CREATE TYPE crypto_kx_session AS (rx bytea, tx bytea);
CREATE TYPE crypto_signcrypt_state_key AS (state bytea, shared_key bytea);
CREATE TYPE crypto_signcrypt_keypair AS (public bytea, secret bytea);

CREATE TYPE key_status AS ENUM ('default', 'valid', 'invalid', 'expired');
CREATE TYPE key_type AS ENUM ('aead-ietf', 'aead-det', 'hmacsha512', 'hmacsha256', 'auth', 'shorthash',
    'generichash', 'kdf', 'secretbox', 'secretstream', 'stream_xchacha20');

CREATE TABLE key (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    status key_status DEFAULT 'valid'::key_status,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    expires timestamp with time zone,
    key_type key_type,
    key_id bigserial,
    key_context bytea DEFAULT '\x7067736f6469756d'::bytea CHECK (length(key_context) = 8),
    name text,
    associated_data text DEFAULT 'associated'::text,
    raw_key bytea,
    raw_key_nonce bytea,
    parent_key uuid REFERENCES key (id),
    comment text,
    user_data text,
    CONSTRAINT pgsodium_key_unique_name UNIQUE (name),
    CONSTRAINT pgsodium_raw CHECK (CASE WHEN raw_key IS NOT NULL
        THEN key_id IS NULL AND key_context IS NULL AND parent_key IS NOT NULL
        ELSE key_id IS NOT NULL AND key_context IS NOT NULL AND parent_key IS NULL END)
);
ALTER TABLE key ALTER COLUMN key_id DROP NOT NULL;
COMMENT ON TABLE key IS 'This table holds metadata for derived keys given a key_id and key_context. The raw key is never stored.';
CREATE INDEX key_status_idx ON key (status) WHERE status IN ('valid', 'default');
CREATE UNIQUE INDEX key_status_idx1 ON key (status) WHERE status = 'default';
CREATE UNIQUE INDEX key_key_id_key_context_key_type_idx ON key (key_id, key_context, key_type);
SELECT pg_catalog.pg_extension_config_dump('key', '');

CREATE VIEW valid_key AS
SELECT id, name, status, key_type, key_id, key_context, created, expires, associated_data
FROM key
WHERE status IN ('valid', 'default') AND CASE WHEN expires IS NULL THEN true ELSE expires > now() END;

CREATE VIEW decrypted_key AS
SELECT id, status, created, expires, key_type, key_id, key_context, name, associated_data, raw_key,
    raw_key AS decrypted_raw_key, raw_key_nonce, parent_key, comment
FROM key;

CREATE FUNCTION create_key(key_type key_type DEFAULT 'aead-det'::key_type, name text DEFAULT NULL::text, raw_key bytea DEFAULT NULL::bytea, raw_key_nonce bytea DEFAULT NULL::bytea, parent_key uuid DEFAULT NULL::uuid, key_context bytea DEFAULT '\x7067736f6469756d'::bytea, expires timestamp with time zone DEFAULT NULL::timestamp with time zone, associated_data text DEFAULT ''::text)
    RETURNS valid_key
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ''
    AS $fn$
DECLARE
    created pgsodium.valid_key;
BEGIN
    WITH inserted AS (
        INSERT INTO pgsodium.key (key_id, key_context, key_type, raw_key, raw_key_nonce, parent_key, expires, name, associated_data)
        VALUES (CASE WHEN raw_key IS NULL THEN nextval('pgsodium.key_key_id_seq') END,
                CASE WHEN raw_key IS NULL THEN key_context END,
                key_type, raw_key, raw_key_nonce, parent_key, expires, name, associated_data)
        RETURNING *
    )
    SELECT i.id, i.name, i.status, i.key_type, i.key_id, i.key_context, i.created, i.expires, i.associated_data
    INTO created FROM inserted AS i;
    RETURN created;
END
$fn$;

CREATE FUNCTION randombytes_random() RETURNS integer
    LANGUAGE sql
    AS $fn$ SELECT (random() * 2147483647)::integer $fn$;
CREATE FUNCTION randombytes_uniform(upper_bound integer) RETURNS integer
    LANGUAGE sql
    AS $fn$ SELECT floor(random() * upper_bound)::integer $fn$;
CREATE FUNCTION randombytes_buf(size integer) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT substr(decode((SELECT string_agg(md5(random()::text || clock_timestamp()::text), '') FROM generate_series(1, ($1 + 15) / 16)), 'hex'), 1, $1) $fn$;
CREATE FUNCTION randombytes_new_seed() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION randombytes_buf_deterministic(size integer, seed bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT substr(decode(string_agg(encode(sha256(seed || int4send(i)), 'hex'), '' ORDER BY i), 'hex'), 1, size) FROM generate_series(0, size / 32) AS i $fn$;
CREATE FUNCTION crypto_aead_det_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_aead_det_noncegen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(16) $fn$;
CREATE FUNCTION crypto_aead_ietf_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_aead_ietf_noncegen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(12) $fn$;
CREATE FUNCTION crypto_secretbox_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_secretbox_noncegen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(24) $fn$;
CREATE FUNCTION crypto_generichash_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_shorthash_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(16) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512_keygen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_box_noncegen() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(24) $fn$;
CREATE FUNCTION crypto_box_new_seed() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_sign_new_seed() RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT pgsodium.randombytes_buf(32) $fn$;
CREATE FUNCTION crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_encrypt(message bytea, additional bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_encrypt(message bytea, additional bytea, key bytea, nonce bytea DEFAULT NULL::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT $1 $fn$;
CREATE FUNCTION crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_ietf_encrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_decrypt(message bytea, additional bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea, nonce bytea DEFAULT NULL::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_det_decrypt(ciphertext bytea, additional bytea, key bytea, nonce bytea DEFAULT NULL::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT $1 $fn$;
CREATE FUNCTION crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_aead_ietf_decrypt(message bytea, additional bytea, nonce bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_secretbox(message bytea, nonce bytea, key bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_secretbox(message bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_secretbox(message bytea, nonce bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_secretbox_open(ciphertext bytea, nonce bytea, key bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT ciphertext $fn$;
CREATE FUNCTION crypto_secretbox_open(message bytea, nonce bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_secretbox_open(message bytea, nonce bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT message $fn$;
CREATE FUNCTION crypto_generichash(message bytea, key bytea DEFAULT NULL::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha256(coalesce(key, '') || message) $fn$;
CREATE FUNCTION crypto_generichash(message bytea, key bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha256(int8send(key) || context || message) $fn$;
CREATE FUNCTION crypto_generichash(message bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha256(uuid_send(key_uuid) || message) $fn$;
CREATE FUNCTION crypto_shorthash(message bytea, key bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT substr(sha256(key || message), 1, 8) $fn$;
CREATE FUNCTION crypto_shorthash(message bytea, key bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT substr(sha256(int8send(key) || context || message), 1, 8) $fn$;
CREATE FUNCTION crypto_shorthash(message bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT substr(sha256(uuid_send(key_uuid) || message), 1, 8) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256(message bytea, secret bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha256(secret || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256(message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha256(int8send(key_id) || context || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256(message bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha256(uuid_send(key_uuid) || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256_verify(hash bytea, message bytea, secret bytea) RETURNS boolean
    LANGUAGE sql
    AS $fn$ SELECT hash = sha256(secret || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256_verify(hash bytea, message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS boolean
    LANGUAGE sql
    AS $fn$ SELECT hash = sha256(int8send(key_id) || context || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha256_verify(signature bytea, message bytea, key_uuid uuid) RETURNS boolean
    LANGUAGE sql
    AS $fn$ SELECT signature = sha256(uuid_send(key_uuid) || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512(message bytea, secret bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha512(secret || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512(message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha512(int8send(key_id) || context || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512(message bytea, key_uuid uuid) RETURNS bytea
    LANGUAGE sql
    AS $fn$ SELECT sha512(uuid_send(key_uuid) || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512_verify(hash bytea, message bytea, secret bytea) RETURNS boolean
    LANGUAGE sql
    AS $fn$ SELECT hash = sha512(secret || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512_verify(hash bytea, message bytea, key_id bigint, context bytea DEFAULT '\x7067736f6469756d'::bytea) RETURNS boolean
    LANGUAGE sql
    AS $fn$ SELECT hash = sha512(int8send(key_id) || context || message) $fn$;
CREATE FUNCTION crypto_auth_hmacsha512_verify(signature bytea, message bytea, key_uuid uuid) RETURNS boolean
    LANGUAGE sql
    AS $fn$ SELECT signature = sha512(uuid_send(key_uuid) || message) $fn$;
CREATE FUNCTION crypto_box(message bytea, nonce bytea, public bytea, secret bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_box is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_box_new_keypair() RETURNS SETOF crypto_box_keypair
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_box_new_keypair is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_box_open(ciphertext bytea, nonce bytea, public bytea, secret bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_box_open is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_box_seal(message bytea, public_key bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_box_seal is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_box_seal_open(ciphertext bytea, public_key bytea, secret_key bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_box_seal_open is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_box_seed_new_keypair(seed bytea) RETURNS crypto_box_keypair
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_box_seed_new_keypair is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_kx_new_keypair() RETURNS crypto_kx_keypair
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_kx_new_keypair is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_kx_client_session_keys(client_pk bytea, client_sk bytea, server_pk bytea) RETURNS crypto_kx_session
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_kx_client_session_keys is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_kx_server_session_keys(server_pk bytea, server_sk bytea, client_pk bytea) RETURNS crypto_kx_session
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_kx_server_session_keys is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign(message bytea, key bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_detached(message bytea, key bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_detached is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_final_create(state bytea, key bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_final_create is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_final_verify(state bytea, signature bytea, key bytea) RETURNS boolean
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_final_verify is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_init() RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_init is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_new_keypair() RETURNS SETOF crypto_sign_keypair
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_new_keypair is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_open(signed_message bytea, key bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_open is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_seed_new_keypair(seed bytea) RETURNS crypto_sign_keypair
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_seed_new_keypair is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_update(state bytea, message bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_update is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_sign_verify_detached(sig bytea, message bytea, key bytea) RETURNS boolean
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_sign_verify_detached is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_signcrypt_new_keypair() RETURNS crypto_signcrypt_keypair
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_signcrypt_new_keypair is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_signcrypt_sign_after(state bytea, sender_sk bytea, ciphertext bytea) RETURNS bytea
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_signcrypt_sign_after is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_signcrypt_sign_before(sender bytea, recipient bytea, sender_sk bytea, recipient_pk bytea, additional bytea) RETURNS crypto_signcrypt_state_key
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_signcrypt_sign_before is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_signcrypt_verify_after(state bytea, signature bytea, sender_pk bytea, ciphertext bytea) RETURNS boolean
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_signcrypt_verify_after is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_signcrypt_verify_before(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, recipient_sk bytea) RETURNS crypto_signcrypt_state_key
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_signcrypt_verify_before is not available in the gen-types shim'; END $fn$;
CREATE FUNCTION crypto_signcrypt_verify_public(signature bytea, sender bytea, recipient bytea, additional bytea, sender_pk bytea, ciphertext bytea) RETURNS boolean
    LANGUAGE plpgsql
    AS $fn$ BEGIN RAISE EXCEPTION 'pgsodium.crypto_signcrypt_verify_public is not available in the gen-types shim'; END $fn$;

GRANT USAGE ON SCHEMA pgsodium TO pgsodium_keyiduser;
GRANT SELECT ON key, valid_key, decrypted_key TO pgsodium_keyiduser;
GRANT INSERT, UPDATE, DELETE ON key TO pgsodium_keymaker;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgsodium TO pgsodium_keyiduser;

