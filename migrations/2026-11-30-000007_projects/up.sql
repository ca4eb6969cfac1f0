-- Participatory-budget programmes (the Wijkbudget), their rounds and the wijken each round
-- covers, and the ideas residents submit with their public status history.

CREATE TABLE programme (
    id                 uuid PRIMARY KEY,
    slug               text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name               text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    kind               text NOT NULL CHECK (kind IN ('participatory_budget')),
    status             text NOT NULL CHECK (status IN ('active', 'archived')),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    -- The allocation rule (see samenstad_domain::allocation): all amounts in cents.
    total_cents        bigint NOT NULL CHECK (total_cents >= 0),
    base_cents         bigint NOT NULL CHECK (base_cents >= 0),
    cap_cents          bigint NOT NULL CHECK (cap_cents >= base_cents),
    realisation_months integer NOT NULL DEFAULT 24 CHECK (realisation_months BETWEEN 1 AND 120),
    -- Historical facts of an archived programme (e.g. the Burgerbudget: 105 put to the vote, 17 realised).
    proposals_count    integer CHECK (proposals_count >= 0),
    realised_count     integer CHECK (realised_count >= 0),
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programme_round (
    id           uuid PRIMARY KEY,
    programme_id uuid NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    number       smallint NOT NULL CHECK (number > 0),
    name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    UNIQUE (programme_id, number),
    UNIQUE (id, programme_id)
);

-- Dated phases; a phase without an end runs until the next one starts.
CREATE TABLE round_phase (
    round_id  uuid NOT NULL REFERENCES programme_round (id) ON DELETE CASCADE,
    phase     text NOT NULL CHECK (phase IN ('call_for_ideas', 'wijkdialoog', 'elaboration', 'advice', 'selection', 'realisation', 'closed')),
    starts_on date NOT NULL,
    ends_on   date CHECK (ends_on >= starts_on),
    PRIMARY KEY (round_id, phase)
);

-- A wijk takes part in one round of a programme, with its selection method and the
-- vulnerability index the allocation uses (thousandths; 1000 is neutral).
CREATE TABLE round_wijk (
    round_id            uuid NOT NULL,
    programme_id        uuid NOT NULL,
    wijk_id             uuid NOT NULL REFERENCES wijk (id),
    selection_method    text NOT NULL DEFAULT 'dialogue' CHECK (selection_method IN ('dialogue', 'lottery_panel', 'public_vote', 'college_decision')),
    vulnerability_milli integer NOT NULL DEFAULT 1000 CHECK (vulnerability_milli BETWEEN 1 AND 100000),
    PRIMARY KEY (round_id, wijk_id),
    UNIQUE (programme_id, wijk_id),
    FOREIGN KEY (round_id, programme_id) REFERENCES programme_round (id, programme_id) ON DELETE CASCADE
);

-- Uploaded images (an idea's photo), kept in the database with the rest of the data: at most
-- 5 MiB, and only image types whose bytes were checked.
CREATE TABLE stored_file (
    id           uuid PRIMARY KEY,
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size         integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
    bytes        bytea NOT NULL,
    created_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (octet_length(bytes) = size)
);

CREATE TABLE idea (
    id                   uuid PRIMARY KEY,
    round_id             uuid REFERENCES programme_round (id),
    wijk_id              uuid NOT NULL REFERENCES wijk (id),
    -- The resident who submitted it online, or NULL when staff entered it (then submitted_by
    -- is the staff member and submitter_name the name as given on paper, by phone …).
    author_id            uuid REFERENCES app_user (id) ON DELETE SET NULL,
    organisation_id      uuid REFERENCES organisation (id) ON DELETE SET NULL,
    entered_by           uuid REFERENCES app_user (id) ON DELETE SET NULL,
    submitter_name       text CHECK (length(submitter_name) BETWEEN 1 AND 100),
    channel              text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper', 'phone', 'buurtpunt', 'event')),
    title                text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
    body                 text NOT NULL CHECK (length(body) BETWEEN 10 AND 5000),
    estimated_cost_cents bigint CHECK (estimated_cost_cents BETWEEN 0 AND 100000000000),
    lat                  double precision CHECK (lat BETWEEN -90 AND 90),
    lon                  double precision CHECK (lon BETWEEN -180 AND 180),
    status               text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'in_dialogue', 'proposal', 'merged', 'referred', 'not_retained')),
    status_reason        text CHECK (length(status_reason) BETWEEN 3 AND 2000),
    merged_into          uuid REFERENCES idea (id),
    referred_to          text CHECK (length(referred_to) BETWEEN 2 AND 200),
    hidden_reason        text CHECK (length(hidden_reason) BETWEEN 3 AND 500),
    image_id             uuid REFERENCES stored_file (id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK ((channel = 'online') = (entered_by IS NULL)),
    CHECK (channel = 'online' OR submitter_name IS NOT NULL),
    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
    CHECK ((status = 'referred') = (referred_to IS NOT NULL)),
    CHECK (status IN ('submitted', 'in_dialogue') OR status_reason IS NOT NULL),
    CHECK (merged_into <> id)
);
CREATE INDEX idea_wijk_idx ON idea (wijk_id, created_at DESC);
CREATE INDEX idea_author_idx ON idea (author_id);

-- The public history of an idea: submitted, each status with its reason, hidden and shown.
CREATE TABLE idea_event (
    id       uuid PRIMARY KEY,
    idea_id  uuid NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    at       timestamptz NOT NULL DEFAULT now(),
    kind     text NOT NULL CHECK (kind IN ('submitted', 'status', 'hidden', 'shown')),
    status   text,
    reason   text,
    CHECK ((kind = 'status') = (status IS NOT NULL))
);
CREATE INDEX idea_event_idea_idx ON idea_event (idea_id, at);

-- Residents who support an idea: one row per person and idea.
CREATE TABLE idea_support (
    idea_id    uuid NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (idea_id, user_id)
);
