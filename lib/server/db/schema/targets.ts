import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { companies, memberships, teams } from "./tenancy";
import { pipelines } from "./pipelines";

/**
 * A target (目标) a manager or an admin sets for a month or a quarter (Beijing time), for the
 * company, a team or a rep, in one pipeline: won amount, deals won, new qualified deals (deals
 * first reaching `to_stage`, or a later step, in the period) or the conversion from `from_stage`
 * to `to_stage` (of the deals created in the period). One target per scope, period and metric;
 * `version` guards every change (a stale edit is refused, not silently overwritten).
 */
export const targets = pgTable(
  "targets",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    /** company | team | rep */
    scope: text("scope").notNull(),
    teamId: uuid("team_id"),
    userId: uuid("user_id"),
    /** month | quarter */
    periodKind: text("period_kind").notNull(),
    /** First day of the month or quarter. */
    periodStart: date("period_start", { mode: "string" }).notNull(),
    /** wonAmount | dealsWon | newQualified | conversion */
    metric: text("metric").notNull(),
    fromStage: text("from_stage"),
    toStage: text("to_stage"),
    /** An amount, a count, or a rate between 0 and 1. */
    value: numeric("value", { precision: 16, scale: 4, mode: "number" }).notNull(),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "targets_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "targets_team_fk",
      columns: [t.companyId, t.teamId],
      foreignColumns: [teams.companyId, teams.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "targets_user_fk",
      columns: [t.companyId, t.userId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({
      name: "targets_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    foreignKey({
      name: "targets_updater_fk",
      columns: [t.companyId, t.updatedBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    uniqueIndex("targets_one_key").on(
      t.companyId,
      t.pipelineId,
      t.scope,
      sql`coalesce(${t.teamId}, ${t.userId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.periodKind,
      t.periodStart,
      t.metric,
      sql`coalesce(${t.fromStage}, '')`,
      sql`coalesce(${t.toStage}, '')`,
    ),
    index("targets_period_idx").on(t.companyId, t.periodKind, t.periodStart),
    check(
      "targets_scope_check",
      sql`(${t.scope} = 'company' and ${t.teamId} is null and ${t.userId} is null)
        or (${t.scope} = 'team' and ${t.teamId} is not null and ${t.userId} is null)
        or (${t.scope} = 'rep' and ${t.userId} is not null and ${t.teamId} is null)`,
    ),
    check(
      "targets_period_check",
      sql`${t.periodKind} in ('month', 'quarter') and extract(day from ${t.periodStart}) = 1`,
    ),
    check(
      "targets_metric_check",
      sql`(${t.metric} in ('wonAmount', 'dealsWon') and ${t.value} >= 0)
        or (${t.metric} = 'newQualified' and ${t.toStage} is not null and ${t.value} >= 0)
        or (${t.metric} = 'conversion' and ${t.fromStage} is not null and ${t.toStage} is not null
            and ${t.value} >= 0 and ${t.value} <= 1)`,
    ),
  ],
);
