-- Selected proposals become projects that are realised (within the programme's deadline), with
-- public progress updates. Decisions on proposals keep their reason.

ALTER TABLE proposal ADD COLUMN decision_reason text CHECK (length(decision_reason) BETWEEN 3 AND 2000);
ALTER TABLE proposal ADD COLUMN decided_at timestamptz;
ALTER TABLE proposal ADD CONSTRAINT proposal_decided_at CHECK ((decided_at IS NULL) = (decision_reason IS NULL));
ALTER TABLE proposal ADD CONSTRAINT proposal_decided_with_reason
    CHECK (status IN ('proposed', 'withdrawn') OR decision_reason IS NOT NULL);

CREATE TABLE project (
    id           uuid PRIMARY KEY,
    proposal_id  uuid NOT NULL UNIQUE REFERENCES proposal (id),
    wijk_id      uuid NOT NULL REFERENCES wijk (id),
    title        text NOT NULL CHECK (length(title) BETWEEN 3 AND 160),
    status       text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_realisation', 'realised', 'stopped')),
    budget_cents bigint NOT NULL CHECK (budget_cents > 0),
    spent_cents  bigint NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
    deadline     date NOT NULL,
    partners     text[] NOT NULL DEFAULT '{}',
    lat          double precision CHECK (lat BETWEEN -90 AND 90),
    lon          double precision CHECK (lon BETWEEN -180 AND 180),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX project_wijk_idx ON project (wijk_id);

CREATE TABLE project_update (
    id          uuid PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    author_id   uuid REFERENCES app_user (id) ON DELETE SET NULL,
    body        text NOT NULL CHECK (length(body) BETWEEN 3 AND 5000),
    status      text CHECK (status IN ('planned', 'in_realisation', 'realised', 'stopped')),
    spent_cents bigint CHECK (spent_cents >= 0),
    photo_url   text CHECK (photo_url ~ '^https://')
);
CREATE INDEX project_update_project_idx ON project_update (project_id, at);
