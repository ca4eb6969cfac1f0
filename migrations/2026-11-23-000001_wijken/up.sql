-- Contrib extensions shipped with PostgreSQL: accent-insensitive search, trigram indexes,
-- and GiST exclusion constraints on ranges (used by bookings).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A municipality owns its wijken (Gent first; Dendermonde shows a second city must fit).
CREATE TABLE municipality (
    id               uuid PRIMARY KEY,
    slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    nis_code         text CHECK (nis_code ~ '^[0-9]{5}$'),
    data_attribution text NOT NULL CHECK (length(data_attribution) > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE wijk (
    id                      uuid PRIMARY KEY,
    municipality_id         uuid NOT NULL REFERENCES municipality (id) ON DELETE RESTRICT,
    wijknr                  smallint NOT NULL CHECK (wijknr > 0),
    slug                    text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_name              text NOT NULL CHECK (length(short_name) BETWEEN 1 AND 200),
    aliases                 text[] NOT NULL DEFAULT '{}',
    zone                    text NOT NULL CHECK (zone IN ('binnenstad', 'gordel_19e', 'gordel_20e')),
    stadsdeel               text NOT NULL,
    area_m2                 bigint NOT NULL CHECK (area_m2 > 0),
    population_density_2024 integer NOT NULL CHECK (population_density_2024 >= 0),
    population_estimate     integer NOT NULL CHECK (population_estimate >= 0),
    wijkbudget_round        smallint CHECK (wijkbudget_round IN (1, 2)),
    centroid_lat            double precision NOT NULL CHECK (centroid_lat BETWEEN -90 AND 90),
    centroid_lon            double precision NOT NULL CHECK (centroid_lon BETWEEN -180 AND 180),
    boundary                jsonb NOT NULL CHECK (boundary ->> 'type' IN ('Polygon', 'MultiPolygon')),
    uri                     text,
    gebiedscode             text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (municipality_id, wijknr),
    UNIQUE (municipality_id, slug)
);

CREATE INDEX wijk_municipality_idx ON wijk (municipality_id);
