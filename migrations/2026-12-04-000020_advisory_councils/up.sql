-- Issue 17: the advisory councils (adviesraden) recognised by the gemeenteraad, the advice the
-- city asks of them, their advice and the city's response to it.

CREATE TABLE advisory_council (
    id            uuid PRIMARY KEY,
    key           text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 200),
    -- What the council is about; "expertise" or "target_group" as the city groups them.
    kind          text NOT NULL CHECK (kind IN ('expertise', 'target_group')),
    description   text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    -- The council's support contact at the city (its ondersteuner).
    contact_name  text CHECK (length(btrim(contact_name)) BETWEEN 2 AND 200),
    contact_email text CHECK (contact_email ~ '^[^@\s]+@[^@\s]+$' AND length(contact_email) <= 254),
    position      integer NOT NULL
);

-- The ten councils the city names (the city says it supports eleven; the eleventh is not named
-- in its note). Administrators set each council's support contact.
INSERT INTO advisory_council (id, key, name, kind, position) VALUES
    ('0193c1a0-0000-7000-8000-00000000c001', 'cultuurraad', 'Cultuurraad', 'expertise', 1),
    ('0193c1a0-0000-7000-8000-00000000c002', 'gecoro', 'Gemeentelijke Commissie voor Ruimtelijke Ordening (gecoro)', 'expertise', 2),
    ('0193c1a0-0000-7000-8000-00000000c003', 'gezondheidsraad', 'Gezondheidsraad', 'expertise', 3),
    ('0193c1a0-0000-7000-8000-00000000c004', 'noord-zuid', 'Stedelijke Adviesraad Noord-Zuidsamenwerking', 'expertise', 4),
    ('0193c1a0-0000-7000-8000-00000000c005', 'woonraad', 'Stedelijke Woonraad', 'expertise', 5),
    ('0193c1a0-0000-7000-8000-00000000c006', 'milieu-en-natuur', 'Stedelijke Adviesraad voor Milieu en Natuur', 'expertise', 6),
    ('0193c1a0-0000-7000-8000-00000000c007', 'jeugdraad', 'Jeugdraad', 'target_group', 7),
    ('0193c1a0-0000-7000-8000-00000000c008', 'ad-rem', 'Stedelijke Adviesraad voor Etnisch-Culturele Diversiteit (Ad REM)', 'target_group', 8),
    ('0193c1a0-0000-7000-8000-00000000c009', 'seniorenraad', 'Stedelijke Seniorenraad', 'target_group', 9),
    ('0193c1a0-0000-7000-8000-00000000c010', 'saph', 'Stedelijke Adviesraad voor Personen met een Handicap (SAPH)', 'target_group', 10);

-- A question for advice from a city service or the gemeenteraad, public from the start.
CREATE TABLE advice_request (
    id           uuid PRIMARY KEY,
    subject      text NOT NULL CHECK (length(btrim(subject)) BETWEEN 5 AND 200),
    question     text NOT NULL CHECK (length(btrim(question)) BETWEEN 10 AND 10000),
    -- Who asks: a city service, the college or the gemeenteraad.
    requested_by text NOT NULL CHECK (length(btrim(requested_by)) BETWEEN 2 AND 200),
    -- Links to the documents (the draft note, the plan …).
    documents    text[] NOT NULL DEFAULT '{}' CHECK (cardinality(documents) <= 10),
    deadline     date NOT NULL,
    created_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX advice_request_list_idx ON advice_request (created_at DESC, id DESC);
CREATE INDEX advice_request_deadline_idx ON advice_request (deadline);

-- The councils asked; a council's advice and the city's response to it.
CREATE TABLE advice (
    request_id      uuid NOT NULL REFERENCES advice_request (id) ON DELETE CASCADE,
    council_id      uuid NOT NULL REFERENCES advisory_council (id),
    text            text CHECK (length(btrim(text)) BETWEEN 10 AND 20000),
    document_url    text CHECK (document_url ~ '^https?://' AND length(document_url) <= 500),
    published_at    timestamptz,
    published_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
    response        text CHECK (response IN ('followed', 'partly_followed', 'not_followed')),
    response_reason text CHECK (length(btrim(response_reason)) BETWEEN 2 AND 4000),
    responded_at    timestamptz,
    responded_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
    PRIMARY KEY (request_id, council_id),
    -- Advice is published with its text; a response needs published advice and has its reason.
    CHECK ((text IS NULL) = (published_at IS NULL)),
    CHECK (document_url IS NULL OR text IS NOT NULL),
    CHECK ((response IS NULL) = (response_reason IS NULL)),
    CHECK ((response IS NULL) = (responded_at IS NULL)),
    CHECK (response IS NULL OR published_at IS NOT NULL)
);
CREATE INDEX advice_council_idx ON advice (council_id);

-- The council's secretary or chair publishes its advice: `council_staff`, scoped to a council.
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_role_check;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_role_check
    CHECK (role IN ('admin', 'programme_admin', 'wijk_staff', 'venue_manager', 'jury_member', 'panel_member', 'service_staff', 'council_staff'));
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_check1;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_check1
    CHECK ((role IN ('venue_manager', 'jury_member', 'panel_member', 'service_staff', 'council_staff')) = (scope_id IS NOT NULL));
