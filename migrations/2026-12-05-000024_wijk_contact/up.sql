-- The contact of a wijk (issue 18: the wijk page as its front door): the wijkregisseur who links
-- residents and the city there, as the city publishes them. One per wijk, kept by staff of the
-- wijk; a tenant table like every municipality's data (its own policy).
CREATE TABLE wijk_contact (
    wijk_id uuid PRIMARY KEY REFERENCES wijk (id) ON DELETE CASCADE,
    municipality_id uuid NOT NULL DEFAULT samenstad_municipality()
        REFERENCES municipality (id) ON DELETE RESTRICT,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    email text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' AND length(email) <= 254),
    phone text CHECK (phone ~ '^\+?[0-9 ./()-]{6,30}$'),
    office_hours text CHECK (length(btrim(office_hours)) BETWEEN 1 AND 300),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
ALTER TABLE wijk_contact ENABLE ROW LEVEL SECURITY;
CREATE POLICY municipality_scope ON wijk_contact
    USING (municipality_id = nullif(current_setting('samenstad.municipality', true), '')::uuid)
    WITH CHECK (municipality_id = nullif(current_setting('samenstad.municipality', true), '')::uuid);
