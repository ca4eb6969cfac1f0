ALTER TABLE booking DROP CONSTRAINT booking_no_overlap;
ALTER TABLE booking ADD CONSTRAINT booking_no_overlap
    EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (status = 'approved');

-- Natural keys unique across municipalities again.
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
          AND pg_get_indexdef(i.indexrelid) ~ ' USING \w+ \(municipality_id, '
          AND c.relname NOT IN ('wijk')
        ORDER BY 1, 2
    LOOP
        IF r.conname IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tbl, r.conname);
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', r.tbl, r.conname,
                           regexp_replace(r.condef, '^UNIQUE \(municipality_id, ', 'UNIQUE ('));
        ELSE
            EXECUTE format('DROP INDEX %s', r.idx);
            EXECUTE regexp_replace(r.indexdef, ' USING (\w+) \(municipality_id, ', ' USING \1 (');
        END IF;
    END LOOP;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND NOT c.relname = ANY (samenstad_platform_tables())
    LOOP
        EXECUTE format('DROP POLICY IF EXISTS municipality_scope ON %I', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
        IF t IN ('wijk', 'venue') THEN
            EXECUTE format('ALTER TABLE %I ALTER COLUMN municipality_id DROP DEFAULT', t);
        ELSE
            EXECUTE format('ALTER TABLE %I DROP COLUMN municipality_id', t);
        END IF;
    END LOOP;
END
$$;

DROP FUNCTION samenstad_platform_tables();
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM samenstad_tenant;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM samenstad_tenant;
REVOKE USAGE ON SCHEMA public FROM samenstad_tenant;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM samenstad_tenant;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM samenstad_tenant;
DROP FUNCTION samenstad_municipality();

ALTER TABLE wijk DROP CONSTRAINT wijk_zone_check;
ALTER TABLE wijk ADD CONSTRAINT wijk_zone_check
    CHECK (zone IN ('binnenstad', 'gordel_19e', 'gordel_20e'));

DROP TABLE municipality_host;
ALTER TABLE municipality DROP COLUMN public_url;
