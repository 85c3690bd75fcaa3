CREATE TABLE "draw_records" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"seed_value" text NOT NULL,
	"seed" text NOT NULL,
	"population_hash" text NOT NULL,
	"output_hash" text NOT NULL,
	"ran_by" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"file" jsonb NOT NULL,
	CONSTRAINT "draw_records_plan_id_unique" UNIQUE("plan_id")
);
--> statement-breakpoint
CREATE TABLE "recusals" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"officer_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"reason" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "population_filter" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "sampling_ratios" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "team_size" integer;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "seed_source" text;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD COLUMN "created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "draw_records" ADD CONSTRAINT "draw_records_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_records" ADD CONSTRAINT "draw_records_ran_by_officers_id_fk" FOREIGN KEY ("ran_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_enterprise_id_enterprises_uscc_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("uscc") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusals" ADD CONSTRAINT "recusals_created_by_officers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recusals_unit_idx" ON "recusals" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "recusals_enterprise_idx" ON "recusals" USING btree ("enterprise_id");--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_created_by_officers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;