ALTER TABLE booking DROP COLUMN series_id;
DROP TABLE booking_series;
