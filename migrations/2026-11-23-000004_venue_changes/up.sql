-- Proposals to add, change or remove a venue listing (today: a mail to buurtvoorzieningen@stad.gent).
CREATE TABLE venue_change_request (
    id               uuid PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('add', 'change', 'remove')),
    venue_id         uuid REFERENCES venue (id) ON DELETE SET NULL,
    proposal         jsonb NOT NULL DEFAULT '{}',
    reason           text NOT NULL CHECK (length(reason) BETWEEN 3 AND 2000),
    requester_id     uuid REFERENCES app_user (id) ON DELETE SET NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
    decided_at       timestamptz,
    decision_reason  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'add' OR venue_id IS NOT NULL OR status <> 'pending'),
    CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
);
CREATE INDEX venue_change_request_status_idx ON venue_change_request (status, created_at);
