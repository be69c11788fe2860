CREATE TABLE "targets" (
	"company_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"team_id" uuid,
	"user_id" uuid,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"metric" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"value" numeric(16, 4) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "targets_scope_check" CHECK (("targets"."scope" = 'company' and "targets"."team_id" is null and "targets"."user_id" is null)
        or ("targets"."scope" = 'team' and "targets"."team_id" is not null and "targets"."user_id" is null)
        or ("targets"."scope" = 'rep' and "targets"."user_id" is not null and "targets"."team_id" is null)),
	CONSTRAINT "targets_period_check" CHECK ("targets"."period_kind" in ('month', 'quarter') and extract(day from "targets"."period_start") = 1),
	CONSTRAINT "targets_metric_check" CHECK (("targets"."metric" in ('wonAmount', 'dealsWon') and "targets"."value" >= 0)
        or ("targets"."metric" = 'newQualified' and "targets"."to_stage" is not null and "targets"."value" >= 0)
        or ("targets"."metric" = 'conversion' and "targets"."from_stage" is not null and "targets"."to_stage" is not null
            and "targets"."value" >= 0 and "targets"."value" <= 1))
);
--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_pipeline_fk" FOREIGN KEY ("company_id","pipeline_id") REFERENCES "public"."pipelines"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_team_fk" FOREIGN KEY ("company_id","team_id") REFERENCES "public"."teams"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_user_fk" FOREIGN KEY ("company_id","user_id") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_creator_fk" FOREIGN KEY ("company_id","created_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_updater_fk" FOREIGN KEY ("company_id","updated_by") REFERENCES "public"."memberships"("company_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_one_key" ON "targets" USING btree ("company_id","pipeline_id","scope",coalesce("team_id", "user_id", '00000000-0000-0000-0000-000000000000'::uuid),"period_kind","period_start","metric",coalesce("from_stage", ''),coalesce("to_stage", ''));--> statement-breakpoint
CREATE INDEX "targets_period_idx" ON "targets" USING btree ("company_id","period_kind","period_start");