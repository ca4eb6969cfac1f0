-- Subsidies: schemes whose rules are data, per-year budgets, jury deadlines, applications with
-- budget lines, co-signatures, attachments, a timeline, jury conflicts and scores, reports.

CREATE TABLE subsidy_scheme (
    id            uuid PRIMARY KEY,
    key           text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
    owner_service text NOT NULL,
    purpose       text NOT NULL,
    status        text NOT NULL CHECK (status IN ('active', 'test_phase', 'archived')),
    replaced_by   uuid REFERENCES subsidy_scheme (id) ON DELETE SET NULL,
    -- The rules (samenstad_types::subsidies::SchemeRules), checked by samenstad_domain::subsidy.
    rules         jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'
                                        AND jsonb_typeof(rules -> 'categories') = 'array'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (replaced_by <> id)
);

CREATE TABLE subsidy_budget (
    scheme_id    uuid NOT NULL REFERENCES subsidy_scheme (id) ON DELETE CASCADE,
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
    PRIMARY KEY (scheme_id, year)
);

CREATE TABLE subsidy_deadline (
    id        uuid PRIMARY KEY,
    scheme_id uuid NOT NULL REFERENCES subsidy_scheme (id) ON DELETE CASCADE,
    closes_on date NOT NULL,
    closed_at timestamptz,
    UNIQUE (scheme_id, closes_on)
);

-- Stored files may now also be PDF attachments of up to 10 MiB (ideas keep their own limits).
ALTER TABLE stored_file DROP CONSTRAINT stored_file_content_type_check;
ALTER TABLE stored_file ADD CONSTRAINT stored_file_content_type_check
    CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf'));
ALTER TABLE stored_file DROP CONSTRAINT stored_file_size_check;
ALTER TABLE stored_file ADD CONSTRAINT stored_file_size_check CHECK (size BETWEEN 1 AND 10485760);

CREATE TABLE subsidy_application (
    id               uuid PRIMARY KEY,
    scheme_id        uuid NOT NULL REFERENCES subsidy_scheme (id),
    applicant_id     uuid REFERENCES app_user (id) ON DELETE SET NULL,
    organisation_id  uuid REFERENCES organisation (id) ON DELETE SET NULL,
    applicant_kind   text NOT NULL,
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN
                         ('draft', 'submitted', 'in_review', 'approved', 'rejected', 'paid',
                          'report_submitted', 'closed', 'withdrawn')),
    category         text NOT NULL DEFAULT '' CHECK (length(category) <= 40),
    title            text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    description      text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    themes           text[] NOT NULL DEFAULT '{}',
    scope            text NOT NULL DEFAULT 'wijk' CHECK (scope IN ('wijk', 'wijken', 'city')),
    target_groups    text[] NOT NULL DEFAULT '{}',
    starts_on        date,
    ends_on          date,
    venue_id         uuid REFERENCES venue (id) ON DELETE SET NULL,
    location         text NOT NULL DEFAULT '' CHECK (length(location) <= 300),
    requested_cents  bigint NOT NULL DEFAULT 0 CHECK (requested_cents >= 0),
    coaching         boolean NOT NULL DEFAULT false,
    deadline_id      uuid REFERENCES subsidy_deadline (id),
    budget_year      integer,
    decided_cents    bigint CHECK (decided_cents > 0),
    decision_reason  text,
    decided_at       timestamptz,
    decided_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
    paid_cents       bigint,
    paid_at          timestamptz,
    payment_reference text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    submitted_at     timestamptz,
    CHECK (decided_cents <= requested_cents),
    CHECK (paid_cents = decided_cents),
    -- A grant always has an amount, a budget year and a reason; a rejection has a reason.
    CHECK (status NOT IN ('approved', 'paid', 'report_submitted', 'closed')
           OR (decided_cents IS NOT NULL AND budget_year IS NOT NULL AND decision_reason IS NOT NULL)),
    CHECK (status <> 'rejected' OR decision_reason IS NOT NULL),
    CHECK (status NOT IN ('paid', 'report_submitted', 'closed') OR paid_cents IS NOT NULL),
    CHECK (status = 'draft' OR status = 'withdrawn' OR submitted_at IS NOT NULL),
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX subsidy_application_applicant_idx ON subsidy_application (applicant_id);
CREATE INDEX subsidy_application_organisation_idx ON subsidy_application (organisation_id);
CREATE INDEX subsidy_application_scheme_idx ON subsidy_application (scheme_id, status);
CREATE INDEX subsidy_application_budget_idx ON subsidy_application (scheme_id, budget_year)
    WHERE decided_cents IS NOT NULL;

CREATE TABLE subsidy_application_wijk (
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    wijk_id        uuid NOT NULL REFERENCES wijk (id),
    PRIMARY KEY (application_id, wijk_id)
);
CREATE INDEX subsidy_application_wijk_wijk_idx ON subsidy_application_wijk (wijk_id);

CREATE TABLE subsidy_budget_line (
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    position       integer NOT NULL CHECK (position >= 0),
    kind           text NOT NULL,
    description    text NOT NULL CHECK (length(description) <= 300),
    amount_cents   bigint NOT NULL CHECK (amount_cents >= 0),
    actual_cents   bigint CHECK (actual_cents >= 0),
    PRIMARY KEY (application_id, position)
);

-- Links for co-signing: only a SHA-256 of the token is stored.
CREATE TABLE subsidy_cosign_link (
    id             uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    token_hash     text NOT NULL UNIQUE,
    expires_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- One signature per resident account and application.
CREATE TABLE subsidy_cosignature (
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    signed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE subsidy_attachment (
    id             uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    file_id        uuid NOT NULL REFERENCES stored_file (id),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subsidy_attachment_application_idx ON subsidy_attachment (application_id);

-- The application's timeline, written in the same transaction as the change.
CREATE TABLE subsidy_event (
    id             uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    at             timestamptz NOT NULL DEFAULT now(),
    actor_id       uuid REFERENCES app_user (id) ON DELETE SET NULL,
    actor_role     text NOT NULL CHECK (actor_role IN ('applicant', 'staff', 'jury', 'system')),
    status         text NOT NULL,
    reason         text
);
CREATE INDEX subsidy_event_application_idx ON subsidy_event (application_id, at);

CREATE TABLE subsidy_conflict (
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    declared_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE subsidy_score (
    application_id uuid NOT NULL REFERENCES subsidy_application (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    criterion      text NOT NULL,
    score          integer NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment        text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    scored_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, user_id, criterion)
);

CREATE TABLE subsidy_report (
    application_id uuid PRIMARY KEY REFERENCES subsidy_application (id) ON DELETE CASCADE,
    narrative      text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 10000),
    submitted_at   timestamptz NOT NULL DEFAULT now(),
    review         text,
    reviewed_at    timestamptz,
    reviewed_by    uuid REFERENCES app_user (id) ON DELETE SET NULL
);
