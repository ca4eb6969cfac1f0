-- Proposals worked out from ideas, verified residents, public votes with one ballot per voter,
-- and paper ballots entered by one staff member and confirmed by another.

CREATE TABLE proposal (
    id          uuid PRIMARY KEY,
    round_id    uuid NOT NULL,
    wijk_id     uuid NOT NULL,
    title       text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
    summary     text NOT NULL CHECK (length(summary) BETWEEN 10 AND 5000),
    -- The sum of the budget lines (kept in the same transaction).
    cost_cents  bigint NOT NULL CHECK (cost_cents > 0),
    -- Who carries it out (residents, an organisation, a city service), as the proposal says.
    owners      text NOT NULL CHECK (length(owners) BETWEEN 2 AND 500),
    status      text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'selected', 'not_selected', 'withdrawn')),
    created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (round_id, wijk_id) REFERENCES round_wijk (round_id, wijk_id)
);
CREATE INDEX proposal_wijk_idx ON proposal (wijk_id, round_id);

CREATE TABLE budget_line (
    proposal_id  uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
    position     smallint NOT NULL CHECK (position >= 0),
    description  text NOT NULL CHECK (length(description) BETWEEN 2 AND 300),
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (proposal_id, position)
);

-- The ideas a proposal was worked out from.
CREATE TABLE proposal_idea (
    proposal_id uuid NOT NULL REFERENCES proposal (id) ON DELETE CASCADE,
    idea_id     uuid NOT NULL REFERENCES idea (id),
    PRIMARY KEY (proposal_id, idea_id)
);

-- Where a person lives, as verified by staff (or, later, a city register): the basis of the
-- right to vote in a wijk.
CREATE TABLE residence (
    user_id     uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    wijk_id     uuid NOT NULL REFERENCES wijk (id),
    birth_date  date NOT NULL CHECK (birth_date > '1900-01-01'),
    method      text NOT NULL CHECK (method IN ('staff', 'register')),
    verified_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
    verified_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vote (
    id          uuid PRIMARY KEY,
    round_id    uuid NOT NULL,
    wijk_id     uuid NOT NULL,
    ballot_kind text NOT NULL CHECK (ballot_kind IN ('approval', 'knapsack', 'cumulative')),
    -- What the vote can fund (default: the wijk's allocation).
    budget_cents bigint NOT NULL CHECK (budget_cents > 0),
    -- approval: at most this many projects; cumulative: this many points to spread.
    max_choices integer CHECK (max_choices > 0),
    points      integer CHECK (points > 0),
    rule        text NOT NULL DEFAULT 'mes' CHECK (rule IN ('mes', 'greedy')),
    min_age     integer NOT NULL DEFAULT 16 CHECK (min_age BETWEEN 0 AND 120),
    opens_at    timestamptz NOT NULL,
    closes_at   timestamptz NOT NULL,
    created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (closes_at > opens_at),
    CHECK ((ballot_kind = 'cumulative') = (points IS NOT NULL)),
    UNIQUE (round_id, wijk_id),
    FOREIGN KEY (round_id, wijk_id) REFERENCES round_wijk (round_id, wijk_id)
);

CREATE TABLE vote_option (
    vote_id     uuid NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    proposal_id uuid NOT NULL REFERENCES proposal (id),
    PRIMARY KEY (vote_id, proposal_id)
);

-- One ballot per voter per vote (the unique constraint); changed in place until the vote
-- closes. Paper ballots have no voter but a reference on the paper, the staff member who
-- entered it and, once counted, a second one who confirmed it. Ballots imported from a
-- Pabulib file keep the file's (anonymous) voter id as their reference.
CREATE TABLE ballot (
    id           uuid PRIMARY KEY,
    vote_id      uuid NOT NULL REFERENCES vote (id) ON DELETE CASCADE,
    source       text NOT NULL DEFAULT 'online' CHECK (source IN ('online', 'paper', 'import')),
    voter_id     uuid REFERENCES app_user (id),
    paper_ref    text CHECK (length(paper_ref) BETWEEN 1 AND 60),
    entered_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
    confirmed_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
    -- {"proposal id": points}; approval and knapsack ballots give 1.
    choices      jsonb NOT NULL CHECK (jsonb_typeof(choices) = 'object'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ballot_source CHECK (
        (source = 'online' AND voter_id IS NOT NULL AND paper_ref IS NULL AND entered_by IS NULL AND confirmed_by IS NULL)
        OR (source = 'paper' AND voter_id IS NULL AND paper_ref IS NOT NULL AND entered_by IS NOT NULL
            AND (confirmed_by IS NULL OR confirmed_by <> entered_by))
        OR (source = 'import' AND voter_id IS NULL AND paper_ref IS NOT NULL AND entered_by IS NULL AND confirmed_by IS NULL)),
    UNIQUE (vote_id, voter_id),
    UNIQUE (vote_id, paper_ref)
);
