-- Lottery-drawn wijkpanels: a candidate pool (pseudonymous, with strata), a draw reproducible
-- from its published seed, ordered reserves and replacements, and the members' scores.

CREATE TABLE panel (
    id          uuid PRIMARY KEY,
    round_id    uuid NOT NULL,
    wijk_id     uuid NOT NULL,
    size        integer NOT NULL CHECK (size BETWEEN 1 AND 500),
    reserves    integer NOT NULL CHECK (reserves BETWEEN 0 AND 500),
    -- [{"attribute", "value", "min", "max"}]
    quotas      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(quotas) = 'array'),
    -- Set by the draw, all together.
    seed        text CHECK (length(seed) BETWEEN 1 AND 200),
    algorithm   text,
    drawn_at    timestamptz,
    created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((seed IS NULL) = (drawn_at IS NULL) AND (seed IS NULL) = (algorithm IS NULL)),
    UNIQUE (round_id, wijk_id),
    FOREIGN KEY (round_id, wijk_id) REFERENCES round_wijk (round_id, wijk_id)
);

-- People who volunteered after an invitation. The pseudonym and strata are public (so anyone
-- can re-run the draw); the link to an account is not.
CREATE TABLE panel_candidate (
    panel_id  uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    pseudonym text NOT NULL CHECK (pseudonym ~ '^[A-Za-z0-9._-]{1,40}$'),
    user_id   uuid REFERENCES app_user (id) ON DELETE SET NULL,
    strata    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(strata) = 'object'),
    PRIMARY KEY (panel_id, pseudonym),
    UNIQUE (panel_id, user_id)
);

-- The outcome of the draw: members in draw order, reserves in order; a withdrawn member keeps
-- their row with the reserve who replaced them.
CREATE TABLE panel_seat (
    panel_id     uuid NOT NULL,
    pseudonym    text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('member', 'reserve')),
    position     integer NOT NULL CHECK (position >= 0),
    withdrawn_at timestamptz,
    replaced_by  text,
    PRIMARY KEY (panel_id, pseudonym),
    FOREIGN KEY (panel_id, pseudonym) REFERENCES panel_candidate (panel_id, pseudonym) ON DELETE CASCADE
);

-- A member's score of a proposal, 0–10, with a comment.
CREATE TABLE panel_score (
    panel_id    uuid NOT NULL REFERENCES panel (id) ON DELETE CASCADE,
    proposal_id uuid NOT NULL REFERENCES proposal (id),
    member_id   uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    score       integer NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment     text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (panel_id, proposal_id, member_id)
);
