CREATE TABLE "section_corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"section_id" text NOT NULL,
	"task_id" text NOT NULL,
	"department_id" text NOT NULL,
	"check_item_ids" text[] NOT NULL,
	"return_reason" text NOT NULL,
	"returned_by" text NOT NULL,
	"returned_at" timestamp with time zone NOT NULL,
	"item_results" jsonb NOT NULL,
	"result_category" text,
	"status" text NOT NULL,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	"check_in" jsonb,
	"team_present" text[] DEFAULT '{}'::text[] NOT NULL,
	"representative_name" text DEFAULT '' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "review_status" text;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "checked_on" date;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD CONSTRAINT "section_corrections_section_id_inspection_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."inspection_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD CONSTRAINT "section_corrections_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD CONSTRAINT "section_corrections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD CONSTRAINT "section_corrections_returned_by_officers_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD CONSTRAINT "section_corrections_completed_by_officers_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "section_corrections_change_seq_idx" ON "section_corrections" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "section_corrections_task_idx" ON "section_corrections" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "section_corrections_section_idx" ON "section_corrections" USING btree ("section_id");--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_approved_by_officers_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_tasks_review_status_idx" ON "inspection_tasks" USING btree ("review_status");