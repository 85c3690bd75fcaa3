CREATE TABLE "device_info" (
	"device_id" text PRIMARY KEY NOT NULL,
	"host_name" text,
	"system" text NOT NULL,
	"app_version" text NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_info" ADD CONSTRAINT "device_info_reported_by_officers_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;