CREATE TABLE "version_audit_events" (
	"company_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "version_audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pipeline_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "version_audit_events_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "version_pilot_teams" (
	"company_id" uuid NOT NULL,
	"pilot_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	CONSTRAINT "version_pilot_teams_company_id_pilot_id_team_id_pk" PRIMARY KEY("company_id","pilot_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "version_pilots" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	CONSTRAINT "version_pilots_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "version_audit_events" ADD CONSTRAINT "version_audit_events_pipeline_fk" FOREIGN KEY ("company_id","pipeline_id") REFERENCES "public"."pipelines"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_audit_events" ADD CONSTRAINT "version_audit_events_actor_fk" FOREIGN KEY ("company_id","actor_id") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilot_teams" ADD CONSTRAINT "version_pilot_teams_pilot_fk" FOREIGN KEY ("company_id","pilot_id") REFERENCES "public"."version_pilots"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilot_teams" ADD CONSTRAINT "version_pilot_teams_team_fk" FOREIGN KEY ("company_id","team_id") REFERENCES "public"."teams"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilots" ADD CONSTRAINT "version_pilots_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilots" ADD CONSTRAINT "version_pilots_pipeline_fk" FOREIGN KEY ("company_id","pipeline_id") REFERENCES "public"."pipelines"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilots" ADD CONSTRAINT "version_pilots_version_fk" FOREIGN KEY ("company_id","version_id") REFERENCES "public"."pipeline_versions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilots" ADD CONSTRAINT "version_pilots_creator_fk" FOREIGN KEY ("company_id","created_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_pilots" ADD CONSTRAINT "version_pilots_ender_fk" FOREIGN KEY ("company_id","ended_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "version_audit_events_pipeline_idx" ON "version_audit_events" USING btree ("company_id","pipeline_id","at");--> statement-breakpoint
CREATE INDEX "version_pilot_teams_team_idx" ON "version_pilot_teams" USING btree ("company_id","team_id");--> statement-breakpoint
CREATE INDEX "version_pilots_pipeline_idx" ON "version_pilots" USING btree ("company_id","pipeline_id","starts_at");--> statement-breakpoint
-- Hand-written (not generated): the lifecycle rules the database keeps itself.
-- One published version per pipeline at a time (publishing retires the one before first).
CREATE UNIQUE INDEX "pipeline_versions_one_published" ON "pipeline_versions" ("company_id","pipeline_id") WHERE "status" = 'published';
--> statement-breakpoint
-- A version's status only moves forward: draft → pilot → published → retired (draft → published
-- and pilot → retired too). Together with pipeline_versions_immutable (0002) no version deals run
-- on can become editable again.
CREATE FUNCTION pipeline_versions_status_forward() RETURNS trigger AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
    (OLD.status = 'draft' AND NEW.status IN ('pilot', 'published')) OR
    (OLD.status = 'pilot' AND NEW.status IN ('published', 'retired')) OR
    (OLD.status = 'published' AND NEW.status = 'retired')
  ) THEN
    RAISE EXCEPTION 'pipeline version % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER pipeline_versions_status_forward
  BEFORE UPDATE OF status ON pipeline_versions
  FOR EACH ROW EXECUTE FUNCTION pipeline_versions_status_forward();
--> statement-breakpoint
-- The audit log is append-only: rows are never changed (they go only with their company or pipeline).
CREATE FUNCTION version_audit_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the version audit log is append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER version_audit_events_append_only
  BEFORE UPDATE ON version_audit_events
  FOR EACH ROW EXECUTE FUNCTION version_audit_events_append_only();
