CREATE TABLE "attestations" (
	"id" text PRIMARY KEY NOT NULL,
	"officer_id" text NOT NULL,
	"task_id" text NOT NULL,
	"purpose" text NOT NULL,
	"subject" text NOT NULL,
	"device_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officer_device_sign_ins" (
	"officer_id" text NOT NULL,
	"device_id" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "officer_device_sign_ins_officer_id_device_id_pk" PRIMARY KEY("officer_id","device_id")
);
--> statement-breakpoint
ALTER TABLE "inspection_sections" ADD COLUMN "findings" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_sections" ADD COLUMN "inspection_refusal" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_sections" ADD COLUMN "signature_refusal" jsonb;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD COLUMN "findings" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD COLUMN "inspection_refusal" jsonb;--> statement-breakpoint
ALTER TABLE "section_corrections" ADD COLUMN "signature_refusal" jsonb;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_requested_by_officers_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_device_sign_ins" ADD CONSTRAINT "officer_device_sign_ins_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attestations_task_idx" ON "attestations" USING btree ("task_id");--> statement-breakpoint
-- Attestations are evidence: the endpoint only ever inserts them.
CREATE FUNCTION attestations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'attestations are append-only';
END $$;--> statement-breakpoint
CREATE TRIGGER attestations_append_only BEFORE UPDATE OR DELETE ON "attestations"
  FOR EACH ROW EXECUTE FUNCTION attestations_append_only();
