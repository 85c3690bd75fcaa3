CREATE TABLE "device_revocations" (
	"device_id" text PRIMARY KEY NOT NULL,
	"revoked_by" text NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "revocation_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "device_revocations" ADD CONSTRAINT "device_revocations_revoked_by_officers_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_device_idx" ON "sessions" USING btree ("device_id");