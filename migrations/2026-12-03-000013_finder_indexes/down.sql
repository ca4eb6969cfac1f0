DROP INDEX room_facilities_idx;
DROP INDEX venue_accessibility_idx;
DROP INDEX venue_facilities_idx;
DROP INDEX venue_search_trgm_idx;
DROP FUNCTION samenstad_fold(text);
CREATE INDEX venue_wijk_idx ON venue (wijk_id);
DROP INDEX venue_wijk_name_idx;
DROP INDEX venue_name_idx;
