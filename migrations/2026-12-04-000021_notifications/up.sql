-- Issue 17: notifications. Residents follow a wijk, an idea, a signal, a vote or a council and
-- get each change by mail at once or in a weekly digest. One table of follows (signal_follow
-- moves in), the digest's pending lines, the announcements already made (so two machines never
-- announce a vote twice) and the key that signs unsubscribe links.

CREATE TABLE follow (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    wijk_id    uuid REFERENCES wijk (id) ON DELETE CASCADE,
    idea_id    uuid REFERENCES idea (id) ON DELETE CASCADE,
    signal_id  uuid REFERENCES signal (id) ON DELETE CASCADE,
    vote_id    uuid REFERENCES vote (id) ON DELETE CASCADE,
    council_id uuid REFERENCES advisory_council (id) ON DELETE CASCADE,
    -- 'immediate': a mail per change; 'weekly': a line in Monday's digest.
    mode       text NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'weekly')),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Exactly one thing is followed.
    CHECK (num_nonnulls(wijk_id, idea_id, signal_id, vote_id, council_id) = 1)
);
CREATE UNIQUE INDEX follow_wijk_key ON follow (wijk_id, user_id) WHERE wijk_id IS NOT NULL;
CREATE UNIQUE INDEX follow_idea_key ON follow (idea_id, user_id) WHERE idea_id IS NOT NULL;
CREATE UNIQUE INDEX follow_signal_key ON follow (signal_id, user_id) WHERE signal_id IS NOT NULL;
CREATE UNIQUE INDEX follow_vote_key ON follow (vote_id, user_id) WHERE vote_id IS NOT NULL;
CREATE UNIQUE INDEX follow_council_key ON follow (council_id, user_id) WHERE council_id IS NOT NULL;
CREATE INDEX follow_user_idx ON follow (user_id, created_at);

-- The followers of signals so far keep following; submitters and supporters of ideas follow
-- them (they get the idea's status changes, as those who act from now on).
INSERT INTO follow (id, user_id, signal_id, created_at)
SELECT gen_random_uuid(), user_id, signal_id, created_at FROM signal_follow;
INSERT INTO follow (id, user_id, idea_id, created_at)
SELECT gen_random_uuid(), author_id, id, created_at FROM idea WHERE author_id IS NOT NULL;
INSERT INTO follow (id, user_id, idea_id, created_at)
SELECT gen_random_uuid(), s.user_id, s.idea_id, s.created_at
FROM idea_support s
WHERE NOT EXISTS (SELECT 1 FROM follow f WHERE f.idea_id = s.idea_id AND f.user_id = s.user_id);
DROP TABLE signal_follow;

-- Lines waiting for the weekly digest of their follower; `mail_id` is the digest they went
-- out in. Unfollowing drops the lines not yet sent.
CREATE TABLE notification (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    follow_id  uuid REFERENCES follow (id) ON DELETE CASCADE,
    -- What the line is about, as in the follow list: the followed thing's title.
    topic      text NOT NULL CHECK (length(topic) BETWEEN 1 AND 300),
    line       text NOT NULL CHECK (length(line) BETWEEN 1 AND 2000),
    link       text NOT NULL CHECK (link ~ '^https?://'),
    created_at timestamptz NOT NULL DEFAULT now(),
    mail_id    uuid REFERENCES mail_outbox (id) ON DELETE SET NULL,
    sent_at    timestamptz
);
CREATE INDEX notification_pending_idx ON notification (user_id, created_at) WHERE sent_at IS NULL;

-- Announcements made once: the opening and the close of a vote (whether staff opened or closed
-- it now or it reached its planned time), keyed by what and which.
CREATE TABLE announcement (
    kind       text NOT NULL CHECK (kind IN ('vote_opened', 'vote_closed')),
    subject_id uuid NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, subject_id)
);
-- Votes opened or closed already were so before anyone could follow them.
INSERT INTO announcement (kind, subject_id) SELECT 'vote_opened', id FROM vote WHERE opens_at <= now();
INSERT INTO announcement (kind, subject_id) SELECT 'vote_closed', id FROM vote WHERE closes_at <= now();

-- The weeks whose digest went out (one run per week across machines).
CREATE TABLE digest_run (
    week    date PRIMARY KEY,
    ran_at  timestamptz NOT NULL DEFAULT now(),
    mails   integer NOT NULL CHECK (mails >= 0)
);

-- Keys of this installation (the same on every machine): 'unsubscribe' signs the links in
-- mails (HS256), so a link keeps working across restarts and machines.
CREATE TABLE signing_key (
    name   text PRIMARY KEY CHECK (name IN ('unsubscribe')),
    secret bytea NOT NULL CHECK (length(secret) >= 32)
);
INSERT INTO signing_key (name, secret)
VALUES ('unsubscribe', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- A digest mail and an unsubscribe header travel with the mail.
ALTER TABLE mail_outbox ADD COLUMN unsubscribe_url text CHECK (unsubscribe_url ~ '^https?://');
