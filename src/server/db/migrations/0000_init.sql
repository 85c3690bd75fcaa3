CREATE SEQUENCE "public"."change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "applied_mutations" (
	"mutation_id" text PRIMARY KEY NOT NULL,
	"officer_id" text NOT NULL,
	"device_id" text NOT NULL,
	"result" jsonb NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_items" (
	"id" text PRIMARY KEY NOT NULL,
	"department_id" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"legal_basis" text NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"uscc" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district_code" text NOT NULL,
	"risk_class" text NOT NULL,
	"profile" jsonb NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"name" text NOT NULL,
	"department_ids" text[] NOT NULL,
	"check_item_ids" jsonb NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_sections" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"department_id" text NOT NULL,
	"check_item_ids" text[] NOT NULL,
	"item_results" jsonb NOT NULL,
	"result_category" text,
	"status" text NOT NULL,
	"completed_by" text,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"department_ids" text[] NOT NULL,
	"officer_ids" text[] NOT NULL,
	"due_date" date NOT NULL,
	"status" text NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"department_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"role" text NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL,
	CONSTRAINT "officers_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"officer_id" text NOT NULL,
	"device_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district_codes" text[] NOT NULL,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applied_mutations" ADD CONSTRAINT "applied_mutations_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_items" ADD CONSTRAINT "check_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_sections" ADD CONSTRAINT "inspection_sections_task_id_inspection_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."inspection_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_sections" ADD CONSTRAINT "inspection_sections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_sections" ADD CONSTRAINT "inspection_sections_completed_by_officers_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_enterprise_id_enterprises_uscc_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("uscc") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_items_change_seq_idx" ON "check_items" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "check_items_department_idx" ON "check_items" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "departments_change_seq_idx" ON "departments" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "enterprises_change_seq_idx" ON "enterprises" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "enterprises_district_idx" ON "enterprises" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("name");--> statement-breakpoint
CREATE INDEX "enterprises_risk_class_idx" ON "enterprises" USING btree ("risk_class");--> statement-breakpoint
CREATE INDEX "inspection_plans_change_seq_idx" ON "inspection_plans" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "inspection_plans_unit_idx" ON "inspection_plans" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "inspection_sections_change_seq_idx" ON "inspection_sections" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "inspection_sections_task_idx" ON "inspection_sections" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_change_seq_idx" ON "inspection_tasks" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "inspection_tasks_plan_idx" ON "inspection_tasks" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "inspection_tasks_officers_idx" ON "inspection_tasks" USING gin ("officer_ids");--> statement-breakpoint
CREATE INDEX "officers_change_seq_idx" ON "officers" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "officers_unit_idx" ON "officers" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "sessions_officer_idx" ON "sessions" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "units_change_seq_idx" ON "units" USING btree ("change_seq");