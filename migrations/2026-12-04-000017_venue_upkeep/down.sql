DROP TABLE venue_closure;
ALTER TABLE room DROP COLUMN updated_at;
ALTER TABLE venue DROP COLUMN photo_id;
