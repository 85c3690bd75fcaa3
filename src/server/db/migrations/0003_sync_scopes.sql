CREATE TABLE "scope_events" (
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL,
	"collection" text NOT NULL,
	"record_id" text NOT NULL,
	"officer_id" text,
	"unit_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "profile_json" text GENERATED ALWAYS AS (profile::text) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "scope_events_change_seq_idx" ON "scope_events" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "scope_events_created_at_idx" ON "scope_events" USING btree ("created_at");