-- Recognition (erkenning) of organisations: owners ask with a motivation, staff of the
-- organisation's wijk recognise it or refuse with a reason. One open request per organisation.
CREATE TABLE organisation_recognition_request (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    motivation      text NOT NULL CHECK (length(btrim(motivation)) BETWEEN 10 AND 2000),
    requested_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'recognised', 'refused')),
    decided_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
    decided_at      timestamptz,
    reason          text CHECK (length(reason) <= 2000),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status <> 'refused' OR length(btrim(coalesce(reason, ''))) > 0)
);
CREATE UNIQUE INDEX organisation_recognition_open_idx
    ON organisation_recognition_request (organisation_id) WHERE status = 'pending';
CREATE INDEX organisation_recognition_queue_idx
    ON organisation_recognition_request (status, requested_at);
CREATE INDEX organisation_recognition_org_idx
    ON organisation_recognition_request (organisation_id, requested_at DESC);
