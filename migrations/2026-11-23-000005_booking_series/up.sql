-- Recurring bookings: one series object owns its occurrences (ordinary bookings), so a series is
-- requested, approved and cancelled in one call while each occurrence keeps its own slot.
CREATE TABLE booking_series (
    id               uuid PRIMARY KEY,
    room_id          uuid NOT NULL REFERENCES room (id) ON DELETE RESTRICT,
    requester_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
    recurrence       text NOT NULL CHECK (recurrence IN ('weekly', 'biweekly', 'monthly')),
    until            date NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE booking ADD COLUMN series_id uuid REFERENCES booking_series (id) ON DELETE RESTRICT;
CREATE INDEX booking_series_idx ON booking (series_id);
