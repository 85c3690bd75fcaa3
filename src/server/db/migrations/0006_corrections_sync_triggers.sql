-- Section corrections are synced like sections: every write takes the write lock and updates draw a new change_seq
-- (hand-written, see 0004_sync_triggers; keep this file when regenerating).
CREATE TRIGGER section_corrections_lock BEFORE INSERT OR UPDATE OR DELETE ON section_corrections FOR EACH STATEMENT EXECUTE FUNCTION onevisit_lock_writes();
--> statement-breakpoint
CREATE TRIGGER section_corrections_stamp BEFORE UPDATE ON section_corrections FOR EACH ROW EXECUTE FUNCTION onevisit_stamp_update();
