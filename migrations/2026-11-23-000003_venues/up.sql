-- Venues (buurtcentra, Open Huizen, libraries …), their rooms and opening hours, and bookings.

CREATE TABLE venue (
    id                  uuid PRIMARY KEY,
    municipality_id     uuid NOT NULL REFERENCES municipality (id) ON DELETE RESTRICT,
    -- Derived from the coordinates by point-in-polygon when they lie in a wijk.
    wijk_id             uuid REFERENCES wijk (id) ON DELETE SET NULL,
    slug                text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    venue_type          text NOT NULL CHECK (venue_type IN ('buurtcentrum', 'open_huis', 'buurthuis',
                            'lokaal_dienstencentrum', 'buurtsecretariaat', 'buurtpunt', 'bibliotheek',
                            'partner_place', 'tijdelijke_invulling')),
    operator            text NOT NULL CHECK (operator IN ('groep_gent', 'public', 'private')),
    operator_name       text,
    street_address      text,
    postal_code         text,
    city                text,
    lat                 double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                 double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- exact: the coordinates are the building; wijk: only the wijk is known (sample data), the
    -- point is its centre; municipality: only the town is known, the point is its centre.
    location_precision  text NOT NULL CHECK (location_precision IN ('exact', 'wijk', 'municipality')),
    drop_in             boolean NOT NULL DEFAULT false,
    room_use            boolean NOT NULL DEFAULT false,
    target_groups       text[] NOT NULL DEFAULT '{}',
    facilities          text[] NOT NULL DEFAULT '{}',
    accessibility       text[] NOT NULL DEFAULT '{}',
    description         text NOT NULL DEFAULT '',
    contact_phone       text,
    contact_email       text,
    website             text,
    is_sample           boolean NOT NULL DEFAULT false,
    source              text NOT NULL DEFAULT '',
    lead_time_min_days  integer NOT NULL DEFAULT 28 CHECK (lead_time_min_days >= 0),
    lead_time_max_days  integer NOT NULL DEFAULT 183 CHECK (lead_time_max_days >= lead_time_min_days),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (location_precision = 'exact' OR street_address IS NULL)
);
CREATE INDEX venue_wijk_idx ON venue (wijk_id);
CREATE INDEX venue_type_idx ON venue (venue_type);

CREATE TABLE opening_hours (
    id         uuid PRIMARY KEY,
    venue_id   uuid NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    weekday    smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens      time NOT NULL,
    closes     time NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('walk_in', 'by_appointment', 'conditional')),
    condition  text,
    CHECK (opens < closes),
    CHECK ((kind = 'conditional') = (condition IS NOT NULL))
);
CREATE INDEX opening_hours_venue_idx ON opening_hours (venue_id);

CREATE TABLE room (
    id                     uuid PRIMARY KEY,
    venue_id               uuid NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    capacity               integer NOT NULL CHECK (capacity > 0),
    uses                   text[] NOT NULL DEFAULT '{}',
    facilities             text[] NOT NULL DEFAULT '{}',
    step_free              boolean NOT NULL DEFAULT false,
    -- Tariffs per hour in euro cents per user category.
    tariff_recognised_cents integer NOT NULL DEFAULT 0 CHECK (tariff_recognised_cents >= 0),
    tariff_resident_cents   integer NOT NULL DEFAULT 0 CHECK (tariff_resident_cents >= 0),
    tariff_private_cents    integer NOT NULL DEFAULT 0 CHECK (tariff_private_cents >= 0),
    free_for_neighbourhood  boolean NOT NULL DEFAULT false,
    is_sample              boolean NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX room_venue_idx ON room (venue_id);
CREATE INDEX room_capacity_idx ON room (capacity);

CREATE TABLE booking (
    id               uuid PRIMARY KEY,
    room_id          uuid NOT NULL REFERENCES room (id) ON DELETE RESTRICT,
    requester_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
    organisation_id  uuid REFERENCES organisation (id) ON DELETE SET NULL,
    purpose          text NOT NULL CHECK (length(purpose) BETWEEN 2 AND 500),
    room_use         text NOT NULL,
    attendees        integer NOT NULL CHECK (attendees > 0),
    during           tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
    status           text NOT NULL DEFAULT 'requested'
                     CHECK (status IN ('requested', 'approved', 'declined', 'cancelled', 'completed')),
    tariff_category  text NOT NULL CHECK (tariff_category IN ('recognised', 'resident', 'private', 'free')),
    price_cents      integer NOT NULL CHECK (price_cents >= 0),
    decision_reason  text,
    decided_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
    decided_at       timestamptz,
    idempotency_key  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'declined' OR decision_reason IS NOT NULL),
    UNIQUE (requester_id, idempotency_key),
    -- Two approved bookings of one room never overlap.
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (status = 'approved')
);
CREATE INDEX booking_room_during_idx ON booking USING gist (room_id, during);
CREATE INDEX booking_requester_idx ON booking (requester_id);
