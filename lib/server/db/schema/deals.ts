import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { companies, memberships, teams } from "./tenancy";
import { apiKeys } from "./api";
import { pipelines, pipelineVersions } from "./pipelines";

export type DealFieldValue = string | number | boolean | string[] | null;
export type DealFields = Record<string, DealFieldValue>;

/**
 * A deal (商机). `stage` and `snapshot` are written only by the deal shell after the
 * engine decided a transition; `version` guards every write (optimistic concurrency).
 */
export const deals = pgTable(
  "deals",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    stage: text("stage").notNull(),
    snapshot: jsonb("snapshot"),
    title: text("title").notNull(),
    account: text("account").notNull(),
    amount: numeric("amount", { precision: 16, scale: 2, mode: "number" }),
    currency: text("currency").notNull().default("CNY"),
    fields: jsonb("fields").$type<DealFields>().notNull().default({}),
    /** Exit-checklist items ticked, by stage key (a stage visited again keeps its ticks). */
    checklist: jsonb("checklist").$type<Record<string, string[]>>().notNull().default({}),
    ownerId: uuid("owner_id"),
    teamId: uuid("team_id"),
    score: integer("score"),
    priority: text("priority"),
    version: integer("version").notNull().default(1),
    stageEnteredAt: timestamp("stage_entered_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** What happens next on the deal and by when (the rep's own plan, not a pipeline field). */
    nextStep: text("next_step"),
    nextStepAt: date("next_step_at", { mode: "string" }),
    /** The deal's id in the system it was imported from: a re-import updates the deal it names. */
    externalId: text("external_id"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "deals_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }),
    foreignKey({
      name: "deals_version_fk",
      columns: [t.companyId, t.pipelineVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }),
    foreignKey({
      name: "deals_owner_fk",
      columns: [t.companyId, t.ownerId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    foreignKey({
      name: "deals_team_fk",
      columns: [t.companyId, t.teamId],
      foreignColumns: [teams.companyId, teams.id],
    }),
    index("deals_company_updated_idx").on(t.companyId, t.updatedAt, t.id),
    index("deals_company_stage_idx").on(t.companyId, t.pipelineId, t.stage),
    index("deals_company_owner_idx").on(t.companyId, t.ownerId),
    // The deals list's filters and sorts (keyset: sort value then id). The search index
    // (character bigrams, GIN) is in drizzle/0006's custom SQL: it needs a function of ours.
    index("deals_company_team_idx").on(t.companyId, t.teamId),
    index("deals_company_created_idx").on(t.companyId, t.createdAt, t.id),
    index("deals_company_amount_idx").on(t.companyId, t.amount.desc().nullsLast(), t.id.desc()),
    index("deals_company_title_idx").on(t.companyId, t.title, t.id),
    index("deals_company_account_idx").on(t.companyId, t.account, t.id),
    index("deals_company_close_idx").on(t.companyId, sql`(${t.fields}->>'expectedClose')`, t.id),
    index("deals_company_industry_idx").on(t.companyId, sql`(${t.fields}->>'industry')`),
    index("deals_company_region_idx").on(t.companyId, sql`(${t.fields}->>'region')`),
    index("deals_company_source_idx").on(t.companyId, sql`(${t.fields}->>'source')`),
    uniqueIndex("deals_external_id_key").on(t.companyId, t.externalId),
  ],
);

/** Append-only history of a deal: the truth for timelines and analytics. */
export const dealEvents = pgTable(
  "deal_events",
  {
    companyId: uuid("company_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    dealId: uuid("deal_id").notNull(),
    /** created | action | update | owner | comment | approval | timeLimit | migration | reopen | import */
    type: text("type").notNull(),
    action: text("action"),
    fromStage: text("from_stage"),
    toStage: text("to_stage"),
    actorId: uuid("actor_id"),
    /** Set when the change came through the REST API: the key acted (actor_id is null then). */
    apiKeyId: uuid("api_key_id"),
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>(),
    comment: text("comment"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "deal_events_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "deal_events_api_key_fk",
      columns: [t.companyId, t.apiKeyId],
      foreignColumns: [apiKeys.companyId, apiKeys.id],
    }),
    index("deal_events_deal_idx").on(t.companyId, t.dealId, t.at),
    index("deal_events_company_at_idx").on(t.companyId, t.at),
  ],
);
