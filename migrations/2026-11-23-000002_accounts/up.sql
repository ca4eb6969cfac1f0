-- People, organisations, roles, tokens, mail outbox, API clients and the audit log.

CREATE TABLE app_user (
    id                  uuid PRIMARY KEY,
    -- Stored lower-cased; NULL only after erasure.
    email               text CHECK (email = lower(email) AND email LIKE '%_@_%'),
    email_verified_at   timestamptz,
    password_hash       text,
    display_name        text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    preferred_language  text NOT NULL DEFAULT 'nl' CHECK (preferred_language IN ('nl', 'en')),
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'erased')),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (status = 'erased' OR (email IS NOT NULL AND password_hash IS NOT NULL))
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (email) WHERE email IS NOT NULL;

-- Staff and other scoped roles. "resident" is everyone; organisation membership lives in
-- organisation_member. wijk_staff carries the wijk it is scoped to; venue_manager, jury_member
-- and panel_member carry the id of their venue / jury / panel (tables of later issues).
CREATE TABLE role_assignment (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('admin', 'programme_admin', 'wijk_staff', 'venue_manager', 'jury_member', 'panel_member')),
    wijk_id     uuid REFERENCES wijk (id) ON DELETE CASCADE,
    scope_id    uuid,
    granted_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'wijk_staff') = (wijk_id IS NOT NULL)),
    CHECK ((role IN ('venue_manager', 'jury_member', 'panel_member')) = (scope_id IS NOT NULL)),
    UNIQUE NULLS NOT DISTINCT (user_id, role, wijk_id, scope_id)
);
CREATE INDEX role_assignment_user_idx ON role_assignment (user_id);

CREATE TABLE organisation (
    id             uuid PRIMARY KEY,
    name           text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    kind           text NOT NULL CHECK (kind IN ('bewonersgroep', 'feitelijke_vereniging', 'vzw', 'school', 'other')),
    wijk_id        uuid REFERENCES wijk (id) ON DELETE SET NULL,
    description    text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    website        text CHECK (website ~ '^https?://'),
    recognised_at  timestamptz,
    recognised_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisation_member (
    organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role            text NOT NULL CHECK (role IN ('owner', 'member')),
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_member_user_idx ON organisation_member (user_id);

CREATE TABLE organisation_invitation (
    id              uuid PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    email           text NOT NULL CHECK (email = lower(email)),
    role            text NOT NULL CHECK (role IN ('owner', 'member')),
    token_hash      text NOT NULL UNIQUE,
    invited_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens: only a SHA-256 of the token is stored. Rotation creates a new row in the same
-- family; presenting a rotated token again revokes the whole family.
CREATE TABLE refresh_token (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id   uuid NOT NULL,
    token_hash  text NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);

-- One-time links sent by mail (email verification, password reset); hashed, expiring.
CREATE TABLE email_token (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    purpose     text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash  text NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mail_outbox (
    id          uuid PRIMARY KEY,
    user_id     uuid REFERENCES app_user (id) ON DELETE CASCADE,
    to_address  text NOT NULL,
    template    text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'not_sent', 'failed')),
    attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (created_at) WHERE status = 'pending';

-- Integrators: client credentials; the secret is stored as a SHA-256 (it is 256 random bits).
CREATE TABLE api_client (
    id          uuid PRIMARY KEY,
    client_id   text NOT NULL UNIQUE,
    secret_hash text NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    scopes      text[] NOT NULL DEFAULT '{read}',
    created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Failed logins per (account, client address), keyed by a hash so no address is stored.
CREATE TABLE login_throttle (
    key_hash          text PRIMARY KEY,
    failures          integer NOT NULL CHECK (failures >= 0),
    window_started_at timestamptz NOT NULL
);

-- Append-only: written in the same transaction as the change it records.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    actor_user_id   uuid,
    actor_client_id uuid,
    action          text NOT NULL CHECK (action ~ '^[a-z_.]+$'),
    object_type     text,
    object_id       text,
    wijk_id         uuid,
    details         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
