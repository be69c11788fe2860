import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { DealValues } from "@/workflows/rules";
import { pipelineVersions } from "./pipelines";
import { memberships } from "./tenancy";

/** One entry of a practice deal's own history: what happened, never written anywhere else. */
export type PracticeEntry = {
  /** ISO time on the practice clock (real time plus the days skipped ahead). */
  at: string;
  kind: "created" | "action" | "refused" | "timeLimit" | "skip" | "edit";
  action?: string;
  from?: string | null;
  to?: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** Refusal messages, or what a real deal would have done (notify, escalate…), zh/en. */
  notes?: { zh: string; en: string }[];
  days?: number;
  /** The timers the move started (a stage's time limit): fired when the practice clock passes them. */
  timers?: { event: string; delayMs: number }[];
};

/**
 * Practice deals (练习模式): a sandbox where trainers and reps walk deals through any version of a
 * pipeline, drafts included. They run on the same pure runtime as real deals but live only here:
 * no deal row, event, notification, timer job, webhook, target or figure ever sees them. Deleting
 * a draft deletes the practice deals on it.
 */
export const practiceDeals = pgTable(
  "practice_deals",
  {
    companyId: uuid("company_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id").notNull(),
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    title: text("title").notNull(),
    stage: text("stage").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    values: jsonb("values").$type<DealValues>().notNull().default({}),
    checklist: jsonb("checklist").$type<Record<string, string[]>>().notNull().default({}),
    /** Days the practice clock has been moved ahead (to see time limits fire). */
    skippedDays: integer("skipped_days").notNull().default(0),
    stageEnteredAt: timestamp("stage_entered_at", { withTimezone: true }).notNull().defaultNow(),
    history: jsonb("history").$type<PracticeEntry[]>().notNull().default([]),
    /** Bumped by every change: a stale write conflicts instead of overwriting. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "practice_deals_user_fk",
      columns: [t.companyId, t.userId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({
      name: "practice_deals_version_fk",
      columns: [t.companyId, t.pipelineVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }).onDelete("cascade"),
    index("practice_deals_user_idx").on(t.companyId, t.userId, t.updatedAt),
  ],
);
