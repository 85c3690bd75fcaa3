ALTER TABLE "scope_events" ADD COLUMN "op" text DEFAULT 'left' NOT NULL;
--> statement-breakpoint
-- An officer moved to another unit, or given another role, is a scope change like the others (hand-written, see
-- 0004_sync_triggers; keep this file when regenerating). What the old placement reached and the new one does not gets
-- `left` events for that officer (deleted on their devices if out of scope now); what the new one reaches and the old
-- one did not gets `entered` events (sent to their devices if in scope now), since those records did not change and
-- their change_seq lies behind the devices' cursors. The tasks the officer is on do not depend on the placement.
-- A placement: the unit and its jurisdiction; with `whole_unit` (every role but inspector, access/scope.ts), also the
-- unit's plans, tasks, sections, corrections, task enterprises, officers and every check item.
CREATE FUNCTION onevisit_placement_records(unit text, whole_unit boolean) RETURNS TABLE (collection text, record_id text)
LANGUAGE sql STABLE AS $$
  SELECT 'units', unit
  UNION ALL
  SELECT 'enterprises', e.uscc FROM enterprises e WHERE e.district_code = ANY((SELECT district_codes FROM units WHERE id = unit)::text[])
  UNION ALL
  SELECT r.collection, r.id FROM (
    SELECT 'plans' AS collection, p.id FROM inspection_plans p WHERE p.unit_id = unit
    UNION ALL
    SELECT 'tasks', t.id FROM inspection_tasks t JOIN inspection_plans p ON p.id = t.plan_id WHERE p.unit_id = unit
    UNION ALL
    SELECT 'enterprises', t.enterprise_id FROM inspection_tasks t JOIN inspection_plans p ON p.id = t.plan_id WHERE p.unit_id = unit
    UNION ALL
    SELECT 'sections', s.id FROM inspection_sections s
      JOIN inspection_tasks t ON t.id = s.task_id JOIN inspection_plans p ON p.id = t.plan_id WHERE p.unit_id = unit
    UNION ALL
    SELECT 'corrections', c.id FROM section_corrections c
      JOIN inspection_tasks t ON t.id = c.task_id JOIN inspection_plans p ON p.id = t.plan_id WHERE p.unit_id = unit
    UNION ALL
    SELECT 'officers', o.id FROM officers o WHERE o.unit_id = unit
    UNION ALL
    SELECT 'checkItems', ci.id FROM check_items ci
  ) r WHERE whole_unit
$$;
--> statement-breakpoint
CREATE FUNCTION onevisit_officer_scope_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scope_events (collection, record_id, officer_id, op)
  SELECT l.collection, l.record_id, NEW.id, 'left' FROM (
    SELECT * FROM onevisit_placement_records(OLD.unit_id, OLD.role <> 'inspector')
    EXCEPT SELECT * FROM onevisit_placement_records(NEW.unit_id, NEW.role <> 'inspector')
  ) l;
  INSERT INTO scope_events (collection, record_id, officer_id, op)
  SELECT e.collection, e.record_id, NEW.id, 'entered' FROM (
    SELECT * FROM onevisit_placement_records(NEW.unit_id, NEW.role <> 'inspector')
    EXCEPT SELECT * FROM onevisit_placement_records(OLD.unit_id, OLD.role <> 'inspector')
  ) e;
  -- The old unit's supervisors no longer see the officer's row; the new unit's receive it as the row's own change.
  INSERT INTO scope_events (collection, record_id, unit_id)
  SELECT 'officers', OLD.id, OLD.unit_id WHERE OLD.unit_id <> NEW.unit_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER officers_scope AFTER UPDATE OF unit_id, role ON officers FOR EACH ROW
  WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION onevisit_officer_scope_events();
