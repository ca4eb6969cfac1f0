-- Issue 17: Open311 GeoReport v2 (signals posted by API clients) and the address register
-- (finding the place of a signal by its address).

-- The address register: an extract of the Flemish Adressenregister (or any list of street,
-- number, postcode and point), loaded with `samenstad import addresses FILE`.
CREATE TABLE address (
    -- The register's id (ADRESID), or street/number/postcode when the file has none.
    id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
    street       text NOT NULL CHECK (length(btrim(street)) BETWEEN 1 AND 200),
    number       text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 20),
    box          text CHECK (length(btrim(box)) BETWEEN 1 AND 20),
    postcode     text NOT NULL CHECK (postcode ~ '^[0-9]{4}$'),
    municipality text NOT NULL CHECK (length(btrim(municipality)) BETWEEN 1 AND 100),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    -- " driesstraat 99 9050 gent ", folded like samenstad_fold and padded with spaces: what the
    -- search matches (a number as ' 99 ', the start of a word as ' driesstr').
    search       text GENERATED ALWAYS AS (
        ' ' || samenstad_fold(street || ' ' || number || coalesce(' ' || box, '') || ' ' || postcode || ' ' || municipality) || ' '
    ) STORED
);
-- Finding an address as one types: trigrams of the folded text, then the street in order.
CREATE INDEX address_search_trgm_idx ON address USING gin (search gin_trgm_ops);

-- A signal remembers the address it was placed at (as text: a later import may change the
-- register) and the API client that posted it through Open311.
ALTER TABLE signal ADD COLUMN address text CHECK (length(btrim(address)) BETWEEN 1 AND 300);
ALTER TABLE signal ADD COLUMN address_id text;
ALTER TABLE signal ADD COLUMN api_client_id uuid REFERENCES api_client (id) ON DELETE SET NULL;
ALTER TABLE signal DROP CONSTRAINT signal_channel_check;
ALTER TABLE signal ADD CONSTRAINT signal_channel_check
    CHECK (channel IN ('web', 'phone', 'buurtpunt', 'buurtsalon', 'contact_centre', 'api'));
-- A resident's own report, one staff entered with the channel it came through, or one an API
-- client posted.
ALTER TABLE signal DROP CONSTRAINT signal_check5;
ALTER TABLE signal ADD CONSTRAINT signal_entry_check CHECK (
    CASE channel
        WHEN 'web' THEN entered_by IS NULL AND api_client_id IS NULL
        WHEN 'api' THEN entered_by IS NULL
        ELSE entered_by IS NOT NULL AND api_client_id IS NULL
    END
);
-- Open311 lists by time of request; the hourly limit of an API client.
CREATE INDEX signal_client_idx ON signal (api_client_id, created_at) WHERE api_client_id IS NOT NULL;

-- An Open311 client presents its secret as `api_key`: found by its hash.
CREATE UNIQUE INDEX api_client_secret_idx ON api_client (secret_hash);
