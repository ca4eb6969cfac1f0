DROP INDEX venue_point_idx;
