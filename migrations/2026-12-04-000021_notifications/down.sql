ALTER TABLE mail_outbox DROP COLUMN unsubscribe_url;
DROP TABLE signing_key;
DROP TABLE digest_run;
DROP TABLE announcement;
DROP TABLE notification;
CREATE TABLE signal_follow (
    signal_id  uuid NOT NULL REFERENCES signal (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (signal_id, user_id)
);
CREATE INDEX signal_follow_user_idx ON signal_follow (user_id);
INSERT INTO signal_follow (signal_id, user_id, created_at)
SELECT signal_id, user_id, created_at FROM follow WHERE signal_id IS NOT NULL;
DROP TABLE follow;
