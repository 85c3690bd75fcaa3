CREATE TABLE "profile_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "profile_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"scope" text NOT NULL,
	"seq" bigint NOT NULL,
	"chunks" text[] NOT NULL,
	"profiles" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_chunks" (
	"sha256" text PRIMARY KEY NOT NULL,
	"body" "bytea" NOT NULL,
	"profiles" integer NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "profile_snapshots_scope_idx" ON "profile_snapshots" USING btree ("scope","seq");