CREATE TABLE "process_feedback" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"stage_key" text NOT NULL,
	"subject_kind" text,
	"subject_key" text,
	"deal_id" uuid,
	"author_id" uuid NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"problem" text NOT NULL,
	"suggestion" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reply" text,
	"shipped_version_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_feedback_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "process_feedback_status_check" CHECK ("process_feedback"."status" in ('open', 'accepted', 'declined', 'shipped')),
	CONSTRAINT "process_feedback_subject_check" CHECK (("process_feedback"."subject_kind" is null and "process_feedback"."subject_key" is null)
        or ("process_feedback"."subject_kind" in ('rule', 'action', 'field') and "process_feedback"."subject_key" is not null)),
	CONSTRAINT "process_feedback_shipped_check" CHECK (("process_feedback"."status" = 'shipped') = ("process_feedback"."shipped_version_id" is not null)),
	CONSTRAINT "process_feedback_declined_check" CHECK ("process_feedback"."status" <> 'declined' or "process_feedback"."reply" is not null)
);
--> statement-breakpoint
CREATE TABLE "process_feedback_events" (
	"company_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "process_feedback_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"feedback_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"note" text,
	"shipped_version_id" uuid,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_feedback_events_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_pipeline_fk" FOREIGN KEY ("company_id","pipeline_id") REFERENCES "public"."pipelines"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_version_fk" FOREIGN KEY ("company_id","pipeline_version_id") REFERENCES "public"."pipeline_versions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_shipped_fk" FOREIGN KEY ("company_id","shipped_version_id") REFERENCES "public"."pipeline_versions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_deal_fk" FOREIGN KEY ("company_id","deal_id") REFERENCES "public"."deals"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_author_fk" FOREIGN KEY ("company_id","author_id") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback" ADD CONSTRAINT "process_feedback_decider_fk" FOREIGN KEY ("company_id","decided_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback_events" ADD CONSTRAINT "process_feedback_events_feedback_fk" FOREIGN KEY ("company_id","feedback_id") REFERENCES "public"."process_feedback"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback_events" ADD CONSTRAINT "process_feedback_events_version_fk" FOREIGN KEY ("company_id","shipped_version_id") REFERENCES "public"."pipeline_versions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_feedback_events" ADD CONSTRAINT "process_feedback_events_actor_fk" FOREIGN KEY ("company_id","actor_id") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "process_feedback_inbox_idx" ON "process_feedback" USING btree ("company_id","pipeline_id","status","created_at");--> statement-breakpoint
CREATE INDEX "process_feedback_stage_idx" ON "process_feedback" USING btree ("company_id","pipeline_id","stage_key");--> statement-breakpoint
CREATE INDEX "process_feedback_author_idx" ON "process_feedback" USING btree ("company_id","author_id","updated_at");--> statement-breakpoint
CREATE INDEX "process_feedback_events_feedback_idx" ON "process_feedback_events" USING btree ("company_id","feedback_id","at");