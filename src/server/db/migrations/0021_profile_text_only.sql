-- A profile is stored once, as the JSON text that pulls and snapshots splice in. Its jsonb twin cost every profile
-- upsert the parse of the text into jsonb and a second compressed copy, about 40 % of the upsert. What was read from
-- the jsonb gets columns of its own: the draws' filters (industry, entity category) beside the other copies for
-- filtering, and the past inspections, the one part of a profile not built from intake records (reviews append to it,
-- the rebuild reads it back without taking the whole profile out of its compression). The copies are filled without
-- stamping the rows: the profiles themselves do not change, so no device needs them again.
ALTER TABLE enterprises ADD COLUMN industry text, ADD COLUMN entity_category text,
  ADD COLUMN past_inspections jsonb NOT NULL DEFAULT '[]';--> statement-breakpoint
ALTER TABLE enterprises DISABLE TRIGGER enterprises_stamp;--> statement-breakpoint
UPDATE enterprises SET industry = profile->>'industry', entity_category = profile->>'entityCategory',
  past_inspections = COALESCE(profile->'pastInspections', '[]');--> statement-breakpoint
ALTER TABLE enterprises ENABLE TRIGGER enterprises_stamp;--> statement-breakpoint
ALTER TABLE enterprises ALTER COLUMN industry SET NOT NULL, ALTER COLUMN entity_category SET NOT NULL;--> statement-breakpoint
DROP TRIGGER enterprises_profile_json_insert ON enterprises;--> statement-breakpoint
DROP TRIGGER enterprises_profile_json_update ON enterprises;--> statement-breakpoint
DROP FUNCTION onevisit_profile_json();--> statement-breakpoint
ALTER TABLE enterprises DROP COLUMN profile;
