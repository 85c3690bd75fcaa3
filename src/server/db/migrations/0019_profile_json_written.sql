-- profile_json (the profile as JSON text, spliced into pulls and snapshots) is written with the profile by the profile
-- rebuild, which has the text at hand, instead of being generated from the jsonb: the generated copy was about a third
-- of a profile upsert. A writer that changes only the profile (a past inspection recorded, an administrator's SQL) gets
-- the text from the triggers below, so profile_json stays the profile's JSON whoever writes it.
ALTER TABLE enterprises ALTER COLUMN profile_json DROP EXPRESSION;--> statement-breakpoint
CREATE FUNCTION onevisit_profile_json() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.profile_json := NEW.profile::text;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER enterprises_profile_json_insert BEFORE INSERT ON enterprises FOR EACH ROW
  WHEN (NEW.profile_json IS NULL) EXECUTE FUNCTION onevisit_profile_json();--> statement-breakpoint
CREATE TRIGGER enterprises_profile_json_update BEFORE UPDATE OF profile ON enterprises FOR EACH ROW
  WHEN (NEW.profile_json IS NOT DISTINCT FROM OLD.profile_json) EXECUTE FUNCTION onevisit_profile_json();
