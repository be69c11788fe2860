CREATE TYPE "public"."version_migration_status" AS ENUM('queued', 'running', 'done', 'failed', 'cancelled', 'rolledBack');--> statement-breakpoint
CREATE TABLE "version_migration_deals" (
	"company_id" uuid NOT NULL,
	"migration_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"from_entered_at" timestamp with time zone NOT NULL,
	"event_id" bigint NOT NULL,
	"rolled_back_event_id" bigint,
	CONSTRAINT "version_migration_deals_company_id_migration_id_deal_id_pk" PRIMARY KEY("company_id","migration_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "version_migrations" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"from_version_id" uuid NOT NULL,
	"to_version_id" uuid NOT NULL,
	"mapping" jsonb NOT NULL,
	"status" "version_migration_status" DEFAULT 'queued' NOT NULL,
	"via_rollout" boolean DEFAULT false NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"migrated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"note" text NOT NULL,
	"failure" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rolled_back_by" uuid,
	"rolled_back_at" timestamp with time zone,
	"rollback_note" text,
	CONSTRAINT "version_migrations_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "version_migration_deals" ADD CONSTRAINT "version_migration_deals_migration_fk" FOREIGN KEY ("company_id","migration_id") REFERENCES "public"."version_migrations"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migration_deals" ADD CONSTRAINT "version_migration_deals_deal_fk" FOREIGN KEY ("company_id","deal_id") REFERENCES "public"."deals"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migrations" ADD CONSTRAINT "version_migrations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migrations" ADD CONSTRAINT "version_migrations_pipeline_fk" FOREIGN KEY ("company_id","pipeline_id") REFERENCES "public"."pipelines"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migrations" ADD CONSTRAINT "version_migrations_from_fk" FOREIGN KEY ("company_id","from_version_id") REFERENCES "public"."pipeline_versions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migrations" ADD CONSTRAINT "version_migrations_to_fk" FOREIGN KEY ("company_id","to_version_id") REFERENCES "public"."pipeline_versions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migrations" ADD CONSTRAINT "version_migrations_creator_fk" FOREIGN KEY ("company_id","created_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_migrations" ADD CONSTRAINT "version_migrations_rollback_fk" FOREIGN KEY ("company_id","rolled_back_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "version_migration_deals_deal_idx" ON "version_migration_deals" USING btree ("company_id","deal_id");--> statement-breakpoint
CREATE INDEX "version_migrations_pipeline_idx" ON "version_migrations" USING btree ("company_id","pipeline_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "version_migrations_one_running_key" ON "version_migrations" USING btree ("company_id","pipeline_id") WHERE "version_migrations"."status" in ('queued', 'running');--> statement-breakpoint
-- A migration takes a version's open deals in id order, batch after batch (and its dry run reads them all).
CREATE INDEX "deals_open_by_version_idx" ON "deals" USING btree ("company_id","pipeline_version_id","id") WHERE "closed_at" IS NULL;
