-- 10,000 generated venues with 3 rooms each, spread over the 25 wijken (for scripts/bench*.sh).
WITH w AS (SELECT array_agg(id ORDER BY wijknr) AS ids FROM wijk),
     m AS (SELECT id FROM municipality WHERE slug = 'gent')
INSERT INTO venue (id, municipality_id, wijk_id, slug, name, venue_type, operator, lat, lon, location_precision, room_use, facilities, accessibility)
SELECT gen_random_uuid(), m.id, w.ids[1 + (i % 25)], 'bench-' || i, 'Benchzaal ' || lpad(i::text, 5, '0'),
       (ARRAY['buurtcentrum','open_huis','buurthuis','partner_place'])[1 + i % 4], 'groep_gent',
       51.00 + random() * 0.12, 3.62 + random() * 0.20, 'exact', true,
       CASE WHEN i % 3 = 0 THEN '{kitchen}'::text[] ELSE '{}' END,
       CASE WHEN i % 2 = 0 THEN '{step_free_entrance}'::text[] ELSE '{}' END
FROM generate_series(1, 10000) AS i, w, m;
INSERT INTO room (id, venue_id, name, capacity, uses, tariff_resident_cents)
SELECT gen_random_uuid(), v.id, 'Zaal ' || r, 10 + (abs(hashtext(v.slug || r)) % 190), '{meeting,training,party}', 1000
FROM venue v, generate_series(1, 3) AS r WHERE v.slug LIKE 'bench-%';
