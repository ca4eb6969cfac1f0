-- Signals (meldingen): residents report what is wrong in the public space; a routing table of
-- categories and wijken names the city service that answers; every step has a public reason.

-- The services that handle signals; staff of a service hold the role `service_staff` with the
-- service as its scope.
CREATE TABLE city_service (
    id         uuid PRIMARY KEY,
    key        text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE signal_category (
    key      text PRIMARY KEY CHECK (key ~ '^[a-z][a-z_]{1,39}$'),
    name_nl  text NOT NULL,
    name_en  text NOT NULL,
    position smallint NOT NULL UNIQUE
);

-- Signals of a category in a wijk go to a service; a line without a wijk covers every wijk
-- without a line of its own (and points outside the wijken).
CREATE TABLE signal_route (
    category   text NOT NULL REFERENCES signal_category (key),
    wijk_id    uuid REFERENCES wijk (id) ON DELETE CASCADE,
    service_id uuid NOT NULL REFERENCES city_service (id),
    updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (category, wijk_id)
);

CREATE TABLE signal (
    id               uuid PRIMARY KEY,
    category         text NOT NULL REFERENCES signal_category (key),
    wijk_id          uuid REFERENCES wijk (id) ON DELETE SET NULL,
    service_id       uuid NOT NULL REFERENCES city_service (id),
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon              double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    description      text NOT NULL CHECK (length(btrim(description)) BETWEEN 10 AND 4000),
    reporter_id      uuid REFERENCES app_user (id) ON DELETE SET NULL,
    -- Entered by staff for a signal received by phone, at a buurtpunt …: never public unless
    -- show_name; the contact never.
    reporter_name    text CHECK (length(reporter_name) BETWEEN 1 AND 200),
    reporter_contact text CHECK (length(reporter_contact) BETWEEN 1 AND 200),
    show_name        boolean NOT NULL DEFAULT false,
    channel          text NOT NULL CHECK (channel IN ('web', 'phone', 'buurtpunt', 'buurtsalon', 'contact_centre')),
    entered_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
    status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'acknowledged', 'planned', 'closed')),
    resolution       text CHECK (resolution IN ('fixed', 'not_responsible', 'duplicate', 'referred', 'not_fixed')),
    planned_for      date,
    responsible      text CHECK (length(btrim(responsible)) BETWEEN 2 AND 200),
    duplicate_of     uuid REFERENCES signal (id) ON DELETE SET NULL,
    -- A photo without its metadata (the upload strips EXIF and XMP).
    photo_id         uuid REFERENCES stored_file (id) ON DELETE SET NULL,
    -- Hidden by staff (moderation), with the public reason.
    hidden_reason    text CHECK (length(btrim(hidden_reason)) BETWEEN 2 AND 2000),
    closed_at        timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'closed') = (resolution IS NOT NULL)),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CHECK (status <> 'planned' OR planned_for IS NOT NULL),
    CHECK (resolution NOT IN ('not_responsible', 'referred') OR responsible IS NOT NULL),
    CHECK (duplicate_of IS NULL OR duplicate_of <> id),
    -- A resident's own report, or one staff entered with the channel it came through.
    CHECK ((channel = 'web') = (entered_by IS NULL))
);
-- The public list, newest first, and per wijk.
CREATE INDEX signal_list_idx ON signal (created_at DESC, id DESC);
CREATE INDEX signal_wijk_idx ON signal (wijk_id, created_at DESC, id DESC);
-- A service's queue.
CREATE INDEX signal_service_idx ON signal (service_id, created_at DESC, id DESC);
-- Open signals near a point (the duplicate hint while reporting).
CREATE INDEX signal_open_point_idx ON signal USING gist (point(lon, lat)) WHERE status <> 'closed';
CREATE INDEX signal_reporter_idx ON signal (reporter_id);

-- The public history: every change with its reason.
CREATE TABLE signal_event (
    id          uuid PRIMARY KEY,
    signal_id   uuid NOT NULL REFERENCES signal (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL CHECK (status IN ('submitted', 'acknowledged', 'planned', 'closed')),
    resolution  text CHECK (resolution IN ('fixed', 'not_responsible', 'duplicate', 'referred', 'not_fixed')),
    reason      text CHECK (length(reason) <= 2000),
    actor_id    uuid REFERENCES app_user (id) ON DELETE SET NULL,
    by_reporter boolean NOT NULL DEFAULT false,
    -- Staff edited the description, removed the photo, or hid or showed the signal.
    moderation  boolean NOT NULL DEFAULT false
);
CREATE INDEX signal_event_signal_idx ON signal_event (signal_id, at, id);

-- Who follows a signal: mailed every change.
CREATE TABLE signal_follow (
    signal_id  uuid NOT NULL REFERENCES signal (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (signal_id, user_id)
);
CREATE INDEX signal_follow_user_idx ON signal_follow (user_id);

-- Staff of a service.
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_role_check;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_role_check
    CHECK (role IN ('admin', 'programme_admin', 'wijk_staff', 'venue_manager', 'jury_member', 'panel_member', 'service_staff'));
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_check1;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_check1
    CHECK ((role IN ('venue_manager', 'jury_member', 'panel_member', 'service_staff')) = (scope_id IS NOT NULL));

-- Gent's services and categories; administrators edit the routing table.
INSERT INTO city_service (id, key, name) VALUES
    ('0193c1a0-0000-7000-8000-00000000d001', 'ivago', 'IVAGO'),
    ('0193c1a0-0000-7000-8000-00000000d002', 'wegen', 'Wegen, Bruggen en Waterlopen'),
    ('0193c1a0-0000-7000-8000-00000000d003', 'groendienst', 'Groendienst'),
    ('0193c1a0-0000-7000-8000-00000000d004', 'mobiliteitsbedrijf', 'Mobiliteitsbedrijf'),
    ('0193c1a0-0000-7000-8000-00000000d005', 'milieu', 'Dienst Milieu en Klimaat'),
    ('0193c1a0-0000-7000-8000-00000000d006', 'wonen', 'Dienst Wonen'),
    ('0193c1a0-0000-7000-8000-00000000d007', 'gentinfo', 'Gentinfo');
INSERT INTO signal_category (key, name_nl, name_en, position) VALUES
    ('litter', 'Zwerfvuil en sluikstort', 'Litter and dumping', 1),
    ('public_space', 'Openbaar domein en voetpaden', 'Public space and paving', 2),
    ('green', 'Groen', 'Green spaces and trees', 3),
    ('mobility', 'Mobiliteit en parkeren', 'Mobility and parking', 4),
    ('lighting', 'Straatverlichting', 'Street lighting', 5),
    ('noise', 'Geluidshinder', 'Noise', 6),
    ('housing', 'Wonen', 'Housing', 7),
    ('other', 'Iets anders', 'Something else', 8);
INSERT INTO signal_route (category, wijk_id, service_id) VALUES
    ('litter', NULL, '0193c1a0-0000-7000-8000-00000000d001'),
    ('public_space', NULL, '0193c1a0-0000-7000-8000-00000000d002'),
    ('green', NULL, '0193c1a0-0000-7000-8000-00000000d003'),
    ('mobility', NULL, '0193c1a0-0000-7000-8000-00000000d004'),
    ('lighting', NULL, '0193c1a0-0000-7000-8000-00000000d002'),
    ('noise', NULL, '0193c1a0-0000-7000-8000-00000000d005'),
    ('housing', NULL, '0193c1a0-0000-7000-8000-00000000d006'),
    ('other', NULL, '0193c1a0-0000-7000-8000-00000000d007');
