import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { companies } from "./tenancy";
import { deals } from "./deals";

/*
 * The analytics read model (docs/analytics.md): derived from deal_events by triggers in the
 * transaction that writes each event (drizzle/0013), never written by application code. The
 * covering indexes the dashboard's queries read through are in that migration's SQL too (drizzle
 * declares no INCLUDE columns).
 */

/** One row per visit: a stretch of time a deal rests in one stage or at one approval. */
export const dealStageVisits = pgTable(
  "deal_stage_visits",
  {
    companyId: uuid("company_id").notNull(),
    dealId: uuid("deal_id").notNull(),
    /** 1, 2, … in the deal's order. */
    seq: integer("seq").notNull(),
    pipelineId: uuid("pipeline_id").notNull(),
    /** The version whose stage this is (a migration re-maps the current visit to the new one). */
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    stage: text("stage").notNull(),
    /** open | won | lost (a stage's outcome) | approval */
    kind: text("kind").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
    leftAt: timestamp("left_at", { withTimezone: true }),
    nextStage: text("next_stage"),
    /** The stage's time limit in seconds, as the visit's version sets it. */
    timeLimitS: integer("time_limit_s"),
    // The deal's current attributes, copied so a filtered query reads one table.
    ownerId: uuid("owner_id"),
    teamId: uuid("team_id"),
    industry: text("industry"),
    region: text("region"),
    source: text("source"),
    priority: text("priority"),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.dealId, t.seq] }),
    foreignKey({
      name: "deal_stage_visits_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }).onDelete("cascade"),
    // A deal rests in exactly one place at a time.
    uniqueIndex("deal_stage_visits_current_key")
      .on(t.companyId, t.dealId)
      .where(sql`${t.leftAt} is null`),
    index("deal_stage_visits_now_idx")
      .on(t.companyId, t.pipelineId, t.stage)
      .where(sql`${t.leftAt} is null`),
    // A manager's or a rep's time in stage (the pipeline-wide index is in the migration's SQL).
    index("deal_stage_visits_team_idx").on(t.companyId, t.teamId, t.leftAt),
    index("deal_stage_visits_owner_idx").on(t.companyId, t.ownerId, t.leftAt),
  ],
);

/** One row per deal: what the funnel, win rate, weighted pipeline and forecast read. */
export const dealFacts = pgTable(
  "deal_facts",
  {
    companyId: uuid("company_id").notNull(),
    dealId: uuid("deal_id").notNull(),
    pipelineId: uuid("pipeline_id").notNull(),
    /** The version the deal runs on now. */
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    stage: text("stage").notNull(),
    /** open | won | lost */
    outcome: text("outcome").notNull(),
    /** The last close, while the deal is closed. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    stageEnteredAt: timestamp("stage_entered_at", { withTimezone: true }).notNull(),
    /** Every state the deal ever rested in, in the order of first entry. */
    reached: text("reached").array().notNull(),
    /** Win probability of its stage (at an approval: of the stage before it). */
    probability: doublePrecision("probability"),
    amount: numeric("amount", { precision: 16, scale: 2, mode: "number" }),
    expectedClose: date("expected_close", { mode: "string" }),
    ownerId: uuid("owner_id"),
    teamId: uuid("team_id"),
    industry: text("industry"),
    region: text("region"),
    source: text("source"),
    priority: text("priority"),
    /**
     * The deal's last activity by a member or an API key (docs/analytics.md, Adoption): kept by a
     * trigger on deal_events (drizzle/0020); null until there is one (its creation counts then).
     */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.dealId] }),
    foreignKey({
      name: "deal_facts_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }).onDelete("cascade"),
    index("deal_facts_team_idx").on(t.companyId, t.teamId),
    index("deal_facts_owner_idx").on(t.companyId, t.ownerId),
  ],
);

/**
 * Visits of open stages and approvals that ended, counted per Beijing month of leaving and stay
 * bucket: time in stage for whole months reads tens of thousands of these rows instead of
 * millions of visits.
 */
export const stageVisitMonths = pgTable(
  "stage_visit_months",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id").notNull(),
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    stage: text("stage").notNull(),
    nextStage: text("next_stage").notNull(),
    /** First day of the Beijing month the visits ended in. */
    month: date("month", { mode: "string" }).notNull(),
    bucket: smallint("bucket").notNull(),
    visits: integer("visits").notNull(),
    breached: integer("breached").notNull(),
    staySum: bigint("stay_sum", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "stage_visit_months_pk",
      columns: [t.companyId, t.pipelineId, t.month, t.pipelineVersionId, t.stage, t.nextStage, t.bucket],
    }),
  ],
);

/**
 * Deals counted per pipeline, current version, Beijing month of creation and of last close
 * ('infinity' while open), stages reached, outcome and stage, and a shard of the deal id (so
 * concurrent moves rarely wait on one row): the funnel of whole months reads these instead of a
 * million deal rows. Kept by a trigger on deal_facts (drizzle/0016).
 */
export const dealFunnelMonths = pgTable(
  "deal_funnel_months",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id").notNull(),
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    createdMonth: date("created_month", { mode: "string" }).notNull(),
    closedMonth: date("closed_month", { mode: "string" }).notNull(),
    reached: text("reached").array().notNull(),
    outcome: text("outcome").notNull(),
    stage: text("stage").notNull(),
    shard: smallint("shard").notNull(),
    deals: integer("deals").notNull(),
    amount: numeric("amount", { precision: 20, scale: 2, mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "deal_funnel_months_pk",
      columns: [
        t.companyId,
        t.pipelineId,
        t.createdMonth,
        t.closedMonth,
        t.pipelineVersionId,
        t.outcome,
        t.stage,
        t.reached,
        t.shard,
      ],
    }),
  ],
);

/** Last closes counted per Beijing month, outcome and sales-cycle bucket: win rate and cycle for whole months. */
export const dealCloseMonths = pgTable(
  "deal_close_months",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id").notNull(),
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    closedMonth: date("closed_month", { mode: "string" }).notNull(),
    outcome: text("outcome").notNull(),
    bucket: smallint("bucket").notNull(),
    shard: smallint("shard").notNull(),
    deals: integer("deals").notNull(),
    amount: numeric("amount", { precision: 20, scale: 2, mode: "number" }).notNull(),
    cycleSum: bigint("cycle_sum", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "deal_close_months_pk",
      columns: [t.companyId, t.pipelineId, t.closedMonth, t.pipelineVersionId, t.outcome, t.bucket, t.shard],
    }),
  ],
);
