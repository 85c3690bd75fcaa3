-- Corrections follow their task's scope like sections (hand-written, see 0004_sync_triggers; keep this file when
-- regenerating): an officer who leaves a task's team gets deletes for its corrections too, and a deleted correction is
-- deleted on every device. The task trigger's function is replaced whole; it differs from 0004's only by the
-- corrections line. services/pull.ts sends these events only to clients that asked for corrections.
CREATE OR REPLACE FUNCTION onevisit_task_scope_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  leaving text[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    leaving := OLD.officer_ids;
  ELSE
    leaving := ARRAY(SELECT unnest(OLD.officer_ids) EXCEPT SELECT unnest(NEW.officer_ids));
  END IF;
  INSERT INTO scope_events (collection, record_id, officer_id)
  SELECT r.collection, r.id, o.officer_id
  FROM unnest(leaving) AS o(officer_id)
  CROSS JOIN (
    SELECT 'tasks', OLD.id
    UNION ALL SELECT 'sections', s.id FROM inspection_sections s WHERE s.task_id = OLD.id
    UNION ALL SELECT 'corrections', c.id FROM section_corrections c WHERE c.task_id = OLD.id
    UNION ALL SELECT 'enterprises', OLD.enterprise_id
    UNION ALL SELECT 'plans', OLD.plan_id
    UNION ALL SELECT 'officers', unnest(OLD.officer_ids)
    UNION ALL SELECT 'checkItems', ci.id FROM check_items ci WHERE ci.department_id = ANY(OLD.department_ids)
  ) AS r(collection, id);
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  INSERT INTO scope_events (collection, record_id, officer_id)
  SELECT 'enterprises', OLD.enterprise_id, o FROM unnest(NEW.officer_ids) AS o WHERE OLD.enterprise_id <> NEW.enterprise_id
  UNION ALL
  SELECT 'plans', OLD.plan_id, o FROM unnest(NEW.officer_ids) AS o WHERE OLD.plan_id <> NEW.plan_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER section_corrections_deleted AFTER DELETE ON section_corrections FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('corrections', 'id');
