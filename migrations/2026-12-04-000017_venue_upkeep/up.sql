-- Venue upkeep by its managers and the staff of its wijk: a photo, closures (holidays,
-- works) that block booking requests, and a version on rooms for optimistic concurrency.

-- The venue's photo (JPEG, PNG or WebP, EXIF removed), kept with the other stored files.
ALTER TABLE venue ADD COLUMN photo_id uuid REFERENCES stored_file (id) ON DELETE SET NULL;

ALTER TABLE room ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- A closure: the venue takes no bookings from the first to the last day (inclusive, local
-- days); `during` is that period in time, from midnight Europe/Brussels to midnight after the
-- last day, so a booking check is one overlap test.
CREATE TABLE venue_closure (
    id          uuid PRIMARY KEY,
    venue_id    uuid NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    first_day   date NOT NULL,
    last_day    date NOT NULL,
    during      tstzrange NOT NULL CHECK (NOT isempty(during)),
    reason      text NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
    created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (first_day <= last_day AND last_day - first_day < 366)
);
CREATE INDEX venue_closure_during_idx ON venue_closure USING gist (venue_id, during);
