-- The largest room of each venue, kept by a trigger, so that the finder's most common filter
-- (capacity_min without a room use or a time window) reads one column of the venue instead of
-- probing every room, and the list needs no second query for the capacities.
ALTER TABLE venue ADD COLUMN max_capacity integer NOT NULL DEFAULT 0 CHECK (max_capacity >= 0);

UPDATE venue v
SET max_capacity = coalesce((SELECT max(r.capacity) FROM room r WHERE r.venue_id = v.id), 0);

CREATE FUNCTION venue_refresh_max_capacity(v uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Lock the venue first (NO KEY UPDATE does not conflict with the key-share lock a room's
    -- foreign key takes), so the max below is computed by a statement that started after any
    -- concurrent room change of the same venue committed.
    PERFORM 1 FROM venue WHERE id = v FOR NO KEY UPDATE;
    UPDATE venue
    SET max_capacity = coalesce((SELECT max(capacity) FROM room WHERE venue_id = v), 0)
    WHERE id = v;
END $$;

CREATE FUNCTION room_max_capacity_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM venue_refresh_max_capacity(OLD.venue_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.venue_id <> OLD.venue_id) THEN
        PERFORM venue_refresh_max_capacity(NEW.venue_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER room_max_capacity
AFTER INSERT OR DELETE OR UPDATE OF capacity, venue_id ON room
FOR EACH ROW EXECUTE FUNCTION room_max_capacity_trigger();

CREATE INDEX venue_wijk_capacity_idx ON venue (wijk_id, max_capacity);
