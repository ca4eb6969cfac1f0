DROP INDEX api_client_secret_idx;
DROP INDEX signal_client_idx;
DELETE FROM signal WHERE channel = 'api';
ALTER TABLE signal DROP CONSTRAINT signal_entry_check;
ALTER TABLE signal ADD CONSTRAINT signal_check5 CHECK ((channel = 'web') = (entered_by IS NULL));
ALTER TABLE signal DROP CONSTRAINT signal_channel_check;
ALTER TABLE signal ADD CONSTRAINT signal_channel_check
    CHECK (channel IN ('web', 'phone', 'buurtpunt', 'buurtsalon', 'contact_centre'));
ALTER TABLE signal DROP COLUMN api_client_id;
ALTER TABLE signal DROP COLUMN address_id;
ALTER TABLE signal DROP COLUMN address;
DROP TABLE address;
