-- The staff back office of the wijkbudget: how a proposal was decided (dialogue, college with
-- date and reference, panel, vote) and by whom; a panel's quorum, its seed published before the
-- draw and its members' votes on proposals; residents asking to be verified; the contact of a
-- paper idea (staff only).

ALTER TABLE proposal
    ADD COLUMN decision_kind text CHECK (decision_kind IN ('dialogue', 'college', 'panel', 'vote')),
    ADD COLUMN decided_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN college_date date,
    ADD COLUMN college_reference text CHECK (length(college_reference) BETWEEN 2 AND 100),
    ADD CONSTRAINT proposal_college_check CHECK (
        (decision_kind IS DISTINCT FROM 'college' OR (college_date IS NOT NULL AND college_reference IS NOT NULL))
        AND ((college_date IS NULL AND college_reference IS NULL) OR decision_kind = 'college'));

ALTER TABLE panel
    ADD COLUMN quorum integer,
    ADD COLUMN seed_published_at timestamptz;
UPDATE panel SET quorum = size / 2 + 1, seed_published_at = drawn_at;
ALTER TABLE panel
    ALTER COLUMN quorum SET NOT NULL,
    ADD CONSTRAINT panel_quorum_check CHECK (quorum BETWEEN 1 AND size),
    DROP CONSTRAINT panel_check,
    -- The seed is public first (seed and its publication together); the draw follows it.
    ADD CONSTRAINT panel_check CHECK ((seed IS NULL) = (seed_published_at IS NULL)
        AND (drawn_at IS NULL) = (algorithm IS NULL)
        AND (drawn_at IS NULL OR seed IS NOT NULL));

-- A seated member's vote on a proposal, changeable until the proposal is decided.
CREATE TABLE panel_decision_vote (
    panel_id    uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    proposal_id uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
    member_id   uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    selected    boolean NOT NULL,
    reason      text NOT NULL CHECK (length(reason) BETWEEN 3 AND 2000),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (panel_id, proposal_id, member_id)
);

-- A resident asks staff of a wijk to verify that they live there (the right to vote).
CREATE TABLE residence_request (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    wijk_id     uuid NOT NULL REFERENCES wijk (id),
    birth_date  date NOT NULL CHECK (birth_date > DATE '1900-01-01'),
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
    reason      text CHECK (length(reason) BETWEEN 3 AND 500),
    decided_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    decided_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
CREATE UNIQUE INDEX residence_request_one_pending ON residence_request (user_id) WHERE status = 'pending';
CREATE INDEX residence_request_queue ON residence_request (wijk_id, status, created_at, id);
CREATE INDEX residence_request_user ON residence_request (user_id, created_at);

-- How to reach the submitter of an idea staff entered (paper, phone …); never public.
ALTER TABLE idea ADD COLUMN contact text CHECK (length(contact) BETWEEN 3 AND 200);
