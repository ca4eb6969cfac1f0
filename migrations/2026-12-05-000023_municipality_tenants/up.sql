-- Municipalities as tenants (issue 20).
--
-- Every table that holds a municipality's data carries `municipality_id`, and PostgreSQL keeps
-- each request to its municipality with row-level security: the server runs a request's
-- statements in a transaction as the role `samenstad_tenant` with `samenstad.municipality` set
-- (both `SET LOCAL`, so this works through PgBouncer in transaction mode). The policies show and
-- accept only that municipality's rows, so every query (lists, lookups, open data, feeds, the
-- roles a request is checked against) is scoped whether or not its author remembered to filter.
-- The owner of the tables (migrations, the seed, the scheduler, the mail worker) is not subject
-- to the policies and sees every municipality.
--
-- Platform tables stay shared: municipalities and their host names, the reference stamp, the
-- signing keys, Flanders' address register, and the login throttle (keyed by a hash).
--
-- Expand-only: the new columns have a default, so an instance of the previous release (which
-- never names them) writes rows of the first municipality, which is the only one it knew.

ALTER TABLE municipality ADD COLUMN public_url text
    CHECK (public_url ~ '^https?://[a-z0-9.-]+(:[0-9]+)?$');

-- The host names a municipality is served at (without port). Requests to another host go to
-- the default municipality (`SAMENSTAD_DEFAULT_MUNICIPALITY`), or get 404 when none is set.
CREATE TABLE municipality_host (
    host            text PRIMARY KEY CHECK (host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'),
    municipality_id uuid NOT NULL REFERENCES municipality (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX municipality_host_municipality_idx ON municipality_host (municipality_id);
CREATE TRIGGER municipality_host_reference_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipality_host
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('wijken');

-- Areas of a municipality that is not divided like Gent are its deelgemeenten.
ALTER TABLE wijk DROP CONSTRAINT wijk_zone_check;
ALTER TABLE wijk ADD CONSTRAINT wijk_zone_check
    CHECK (zone IN ('binnenstad', 'gordel_19e', 'gordel_20e', 'deelgemeente'));

-- The municipality a new row belongs to: the request's, else the first municipality (the seed,
-- the command line and instances of the previous release work for the first one).
CREATE FUNCTION samenstad_municipality() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        nullif(current_setting('samenstad.municipality', true), '')::uuid,
        (SELECT id FROM municipality ORDER BY created_at, slug LIMIT 1))
$$;

-- Rows from before this migration (and the reference rows earlier migrations inserted) belong to
-- Gent; on an empty database it is created here, and the seed completes it.
INSERT INTO municipality (id, slug, name, nis_code, data_attribution)
SELECT gen_random_uuid(), 'gent', 'Gent', '44021', 'Stad Gent'
WHERE NOT EXISTS (SELECT 1 FROM municipality);

-- The role requests run as. It is cluster-wide: create it once, then let this user switch to it.
DO $$
BEGIN
    CREATE ROLE samenstad_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
DO $$
BEGIN
    EXECUTE format('GRANT samenstad_tenant TO %I', current_user);
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE NOTICE 'could not grant samenstad_tenant to %: grant it as an administrator', current_user;
END
$$;
GRANT USAGE ON SCHEMA public TO samenstad_tenant;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samenstad_tenant;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO samenstad_tenant;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samenstad_tenant;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO samenstad_tenant;

CREATE FUNCTION samenstad_platform_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT ARRAY['municipality', 'municipality_host', 'reference_version', 'signing_key',
                 'address', 'login_throttle', '__diesel_schema_migrations']
$$;

-- Every tenant table: the column, and the policy.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND NOT c.relname = ANY (samenstad_platform_tables())
        ORDER BY 1
    LOOP
        IF EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_schema = 'public' AND table_name = t
                     AND column_name = 'municipality_id') THEN
            EXECUTE format(
                'ALTER TABLE %I ALTER COLUMN municipality_id SET DEFAULT samenstad_municipality()', t);
        ELSE
            EXECUTE format(
                'ALTER TABLE %I ADD COLUMN municipality_id uuid NOT NULL '
                'DEFAULT samenstad_municipality() REFERENCES municipality (id) ON DELETE RESTRICT', t);
        END IF;
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY municipality_scope ON %I '
            'USING (municipality_id = nullif(current_setting(''samenstad.municipality'', true), '''')::uuid) '
            'WITH CHECK (municipality_id = nullif(current_setting(''samenstad.municipality'', true), '''')::uuid)',
            t);
    END LOOP;
END
$$;

-- Rows that belong to a venue, room or wijk of another municipality than the first (a database
-- that held Dendermonde's buurtpunt before this migration) follow it.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.table_name, c.column_name,
               CASE c.column_name WHEN 'room_id' THEN 'room' WHEN 'venue_id' THEN 'venue' ELSE 'wijk' END AS parent
        FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.column_name IN ('room_id', 'venue_id', 'wijk_id')
          AND c.table_name NOT IN ('venue', 'audit_log')
          AND NOT c.table_name = ANY (samenstad_platform_tables())
        ORDER BY CASE c.column_name WHEN 'venue_id' THEN 0 WHEN 'room_id' THEN 1 ELSE 2 END, 1
    LOOP
        EXECUTE format(
            'UPDATE %I x SET municipality_id = p.municipality_id FROM %I p '
            'WHERE p.id = x.%I AND x.municipality_id <> p.municipality_id',
            r.table_name, r.parent, r.column_name);
    END LOOP;
END
$$;

-- Natural keys (slugs, keys, e-mail addresses, token hashes: unique constraints without a uuid
-- column) are unique per municipality: two municipalities may both have a `jeugdraad`. They keep
-- their names, so the errors the server maps from them do not change.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.relname AS tbl, i.indexrelid::regclass::text AS idx, con.conname,
               pg_get_indexdef(i.indexrelid) AS indexdef,
               pg_get_constraintdef(con.oid) AS condef
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype = 'u'
        WHERE n.nspname = 'public' AND i.indisunique AND NOT i.indisprimary
          AND NOT c.relname = ANY (samenstad_platform_tables())
          AND NOT EXISTS (
              SELECT 1 FROM unnest(i.indkey) AS k(attnum)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE a.atttypid = 'uuid'::regtype)
        ORDER BY 1, 2
    LOOP
        IF r.conname IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tbl, r.conname);
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', r.tbl, r.conname,
                           regexp_replace(r.condef, '^UNIQUE \(', 'UNIQUE (municipality_id, '));
        ELSE
            EXECUTE format('DROP INDEX %s', r.idx);
            EXECUTE regexp_replace(r.indexdef, ' USING (\w+) \(', ' USING \1 (municipality_id, ');
        END IF;
    END LOOP;
END
$$;

-- The booking guard in the form a table distributed by municipality needs.
ALTER TABLE booking DROP CONSTRAINT booking_no_overlap;
ALTER TABLE booking ADD CONSTRAINT booking_no_overlap
    EXCLUDE USING gist (municipality_id WITH =, room_id WITH =, during WITH &&)
    WHERE (status = 'approved');
