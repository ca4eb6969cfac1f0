DROP TRIGGER room_max_capacity ON room;
DROP FUNCTION room_max_capacity_trigger();
DROP FUNCTION venue_refresh_max_capacity(uuid);
ALTER TABLE venue DROP COLUMN max_capacity;
