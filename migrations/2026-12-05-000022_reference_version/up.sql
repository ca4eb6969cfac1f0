-- Reference data each instance keeps in memory (the wijken snapshot) is stamped here. A trigger
-- bumps the stamp in the transaction of every change, whoever makes it (an instance, the seed or
-- an import), and every instance reads the stamp each second: a change shows on all instances
-- within two seconds, without LISTEN (which does not work through PgBouncer in transaction mode).
CREATE TABLE reference_version (
    name text PRIMARY KEY CHECK (name IN ('wijken')),
    version bigint NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO reference_version (name) VALUES ('wijken');

CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reference_version SET version = version + 1 WHERE name = TG_ARGV[0];
    RETURN NULL;
END
$$;

CREATE TRIGGER wijk_reference_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON wijk
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('wijken');
CREATE TRIGGER municipality_reference_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipality
    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version('wijken');
