-- The city platform's intake: batches, every submitted revision (distributable by enterprise, see docs/operations.md),
-- reviewers' decisions on disputed records, cleaning runs. Intake tables are not synced: profiles reach devices through
-- the enterprises table.
CREATE TABLE "intake_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"encoding" text,
	"bytes" bigint NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"period_start" date NOT NULL,
	"counts" jsonb NOT NULL,
	"open_returns" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_cleaning_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"as_of" date NOT NULL,
	"counts" jsonb NOT NULL,
	"profiles_changed" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"truncated" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_records" (
	"enterprise_uscc" text DEFAULT '' NOT NULL,
	"id" text NOT NULL,
	"batch_id" text NOT NULL,
	"row" integer NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"natural_key" text,
	"status" text NOT NULL,
	"fields" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"return_state" text,
	"cleared_by" text,
	"clears" text,
	"replaces" text,
	"ended_on" date,
	"ended_by" text,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_records_enterprise_uscc_id_pk" PRIMARY KEY("enterprise_uscc","id")
);
--> statement-breakpoint
CREATE TABLE "intake_reviews" (
	"record_id" text NOT NULL,
	"reviewer_id" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_reviews_record_id_reviewer_id_pk" PRIMARY KEY("record_id","reviewer_id")
);
--> statement-breakpoint
ALTER TABLE "intake_batches" ADD CONSTRAINT "intake_batches_source_departments_id_fk" FOREIGN KEY ("source") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_batches" ADD CONSTRAINT "intake_batches_uploaded_by_officers_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_cleaning_runs" ADD CONSTRAINT "intake_cleaning_runs_started_by_officers_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_records" ADD CONSTRAINT "intake_records_batch_id_intake_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."intake_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_reviews" ADD CONSTRAINT "intake_reviews_reviewer_id_officers_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_batches_source_period_idx" ON "intake_batches" USING btree ("source","period_start");--> statement-breakpoint
CREATE INDEX "intake_batches_uploaded_at_idx" ON "intake_batches" USING btree ("uploaded_at");--> statement-breakpoint
CREATE INDEX "intake_records_id_idx" ON "intake_records" USING btree ("id");--> statement-breakpoint
CREATE INDEX "intake_records_batch_idx" ON "intake_records" USING btree ("batch_id","row");--> statement-breakpoint
CREATE INDEX "intake_records_key_idx" ON "intake_records" USING btree ("kind","natural_key");--> statement-breakpoint
CREATE INDEX "intake_records_returns_idx" ON "intake_records" USING btree ("source","kind","id") WHERE status = 'returned' AND return_state = 'open';--> statement-breakpoint
CREATE INDEX "intake_records_register_idx" ON "intake_records" USING btree ("enterprise_uscc") WHERE kind = 'registrations' AND current;--> statement-breakpoint
CREATE INDEX "intake_records_disputed_idx" ON "intake_records" USING btree ("id") WHERE status = 'disputed';