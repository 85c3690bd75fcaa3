-- An intake record's fields are kept as the JSON text they were written in (json), not parsed into jsonb: every record
-- stored was parsed into jsonb (about 3 µs) and every read of them back, by the profile rebuild above all, turned it
-- into text again (about 1.5 µs), while the few lookups by field (a registration's name, a repair's penalty) read a
-- small record. The column is rewritten once, with its indexes.
ALTER TABLE intake_records ALTER COLUMN fields TYPE json USING fields::json;
