-- Indexes that match the venue finder's queries (issue 14). Measured with EXPLAIN ANALYZE on the
-- benchmark data (scripts/bench-venues.sql: 10,000 venues, 30,000 rooms); see docs/DESIGN.md.

-- The finder lists venues by name (then id) and stops after a page: with these indexes it reads
-- the first matching rows in order instead of sorting every venue.
CREATE INDEX venue_name_idx ON venue (name, id);
CREATE INDEX venue_wijk_name_idx ON venue (wijk_id, name, id);
DROP INDEX venue_wijk_idx; -- a prefix of venue_wijk_name_idx

-- The text search folds like `samenstad_domain::text::fold` (no accents, lower case, other
-- characters as spaces). `unaccent(text)` is only STABLE (it looks up its dictionary by name), so
-- an index needs this IMMUTABLE wrapper that names the dictionary.
CREATE FUNCTION samenstad_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^a-z0-9]+', ' ', 'g');
-- `LIKE '%folded words%'` is answered from trigrams (three or more characters).
CREATE INDEX venue_search_trgm_idx ON venue USING gin (samenstad_fold(name || ' ' || description) gin_trgm_ops);

-- Facility and accessibility filters (`@>` on the arrays).
CREATE INDEX venue_facilities_idx ON venue USING gin (facilities);
CREATE INDEX venue_accessibility_idx ON venue USING gin (accessibility);
CREATE INDEX room_facilities_idx ON room USING gin (facilities);
