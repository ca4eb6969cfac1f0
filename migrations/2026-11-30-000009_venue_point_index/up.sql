-- Radius searches ("near") first keep the venues inside a bounding box; a GiST index on the
-- venue's point answers that box without reading every venue.
CREATE INDEX venue_point_idx ON venue USING gist (point(lon, lat));
