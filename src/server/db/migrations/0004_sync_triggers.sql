-- Sync triggers (hand-written: drizzle-kit does not model functions or triggers; keep this file when regenerating).
--
-- 1. Every statement that writes a synced table (or scope_events) first takes a transaction-long advisory lock (key
--    0x0e51 = 3665, the same as lockWrites in db/writes.ts), and only then draws change_seq values: inserts through
--    the column default, updates through the row trigger below (so no writer can forget to bump it). Hence change_seq
--    values commit in the order they are drawn, for every writer (services, seeding, admin SQL), and a pull cursor never
--    passes a change that is still being written. A statement-level trigger keeps bulk inserts cheap (one lock call per
--    statement, not per row). Writers that lock rows before writing call lockWrites first, so the lock order is always
--    advisory lock → rows (no deadlock).
-- 2. Scope changes are recorded in scope_events, which a pull turns into deletes (services/pull.ts).
CREATE FUNCTION onevisit_lock_writes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(3665);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION onevisit_stamp_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('change_seq');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER departments_lock BEFORE INSERT OR UPDATE OR DELETE ON departments FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER departments_stamp BEFORE UPDATE ON departments FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER units_lock BEFORE INSERT OR UPDATE OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER units_stamp BEFORE UPDATE ON units FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER officers_lock BEFORE INSERT OR UPDATE OR DELETE ON officers FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER officers_stamp BEFORE UPDATE ON officers FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER check_items_lock BEFORE INSERT OR UPDATE OR DELETE ON check_items FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER check_items_stamp BEFORE UPDATE ON check_items FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER enterprises_lock BEFORE INSERT OR UPDATE OR DELETE ON enterprises FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER enterprises_stamp BEFORE UPDATE ON enterprises FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER inspection_plans_lock BEFORE INSERT OR UPDATE OR DELETE ON inspection_plans FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER inspection_plans_stamp BEFORE UPDATE ON inspection_plans FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER inspection_tasks_lock BEFORE INSERT OR UPDATE OR DELETE ON inspection_tasks FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER inspection_tasks_stamp BEFORE UPDATE ON inspection_tasks FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER inspection_sections_lock BEFORE INSERT OR UPDATE OR DELETE ON inspection_sections FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER inspection_sections_stamp BEFORE UPDATE ON inspection_sections FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
--> statement-breakpoint
CREATE TRIGGER scope_events_lock BEFORE INSERT ON scope_events FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
-- Officers who leave a task's team lose what the task brought them (each record is deleted on their device only if
-- nothing else keeps it in scope); when a task's enterprise or plan changes, the old one may leave the team's scope.
CREATE FUNCTION onevisit_task_scope_events() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER inspection_tasks_scope AFTER UPDATE OR DELETE ON inspection_tasks FOR EACH ROW EXECUTE FUNCTION onevisit_task_scope_events();
--> statement-breakpoint
-- A district removed from a unit's jurisdiction: one event per enterprise (each its own change_seq, so the deletes page
-- like any other change). A district added: its enterprises are re-stamped, so the unit's devices receive them.
CREATE FUNCTION onevisit_unit_scope_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scope_events (collection, record_id, unit_id)
  SELECT 'enterprises', e.uscc, NEW.id FROM enterprises e
  WHERE e.district_code = ANY(ARRAY(SELECT unnest(OLD.district_codes) EXCEPT SELECT unnest(NEW.district_codes)))
  ORDER BY e.uscc;
  UPDATE enterprises SET change_seq = 0
  WHERE district_code = ANY(ARRAY(SELECT unnest(NEW.district_codes) EXCEPT SELECT unnest(OLD.district_codes)));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER units_scope AFTER UPDATE OF district_codes ON units FOR EACH ROW EXECUTE FUNCTION onevisit_unit_scope_events();
--> statement-breakpoint
-- An enterprise re-registered in another district leaves the jurisdiction of the units that covered only the old one.
CREATE FUNCTION onevisit_enterprise_scope_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scope_events (collection, record_id, unit_id)
  SELECT 'enterprises', OLD.uscc, u.id FROM units u
  WHERE OLD.district_code = ANY(u.district_codes) AND NOT (NEW.district_code = ANY(u.district_codes));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER enterprises_scope AFTER UPDATE OF district_code ON enterprises FOR EACH ROW
  WHEN (OLD.district_code IS DISTINCT FROM NEW.district_code) EXECUTE FUNCTION onevisit_enterprise_scope_events();
--> statement-breakpoint
-- A deleted row leaves everyone's scope. Arguments: the collection name and the row's id column.
CREATE FUNCTION onevisit_deleted_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO scope_events (collection, record_id) VALUES (TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]);
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER departments_deleted AFTER DELETE ON departments FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('departments', 'id');
--> statement-breakpoint
CREATE TRIGGER units_deleted AFTER DELETE ON units FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('units', 'id');
--> statement-breakpoint
CREATE TRIGGER officers_deleted AFTER DELETE ON officers FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('officers', 'id');
--> statement-breakpoint
CREATE TRIGGER check_items_deleted AFTER DELETE ON check_items FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('checkItems', 'id');
--> statement-breakpoint
CREATE TRIGGER enterprises_deleted AFTER DELETE ON enterprises FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('enterprises', 'uscc');
--> statement-breakpoint
CREATE TRIGGER inspection_plans_deleted AFTER DELETE ON inspection_plans FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('plans', 'id');
--> statement-breakpoint
CREATE TRIGGER inspection_tasks_deleted AFTER DELETE ON inspection_tasks FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('tasks', 'id');
--> statement-breakpoint
CREATE TRIGGER inspection_sections_deleted AFTER DELETE ON inspection_sections FOR EACH ROW EXECUTE FUNCTION onevisit_deleted_event('sections', 'id');
