DROP TRIGGER municipality_reference_version ON municipality;
DROP TRIGGER wijk_reference_version ON wijk;
DROP FUNCTION bump_reference_version();
DROP TABLE reference_version;
