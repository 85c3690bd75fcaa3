ALTER TABLE "sessions" ADD COLUMN "revocation_uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "revocation_uploads_closed_at" timestamp with time zone;