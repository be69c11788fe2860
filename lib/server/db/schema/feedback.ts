import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { companies, memberships } from "./tenancy";
import { pipelines, pipelineVersions } from "./pipelines";
import { deals } from "./deals";

/**
 * Process feedback (流程反馈): a member's word on a stage of the process — and, optionally, one of
 * its rules, actions or fields — in the version they met it in, perhaps from a deal. The author is
 * always stored; `anonymous` hides them (and the deal, which would name them) from everyone but
 * admins. Trainers and admins triage it: open → accepted / declined → shipped in a later version.
 * `version` guards every change, so two triagers conflict instead of overwriting each other.
 */
export const processFeedback = pgTable(
  "process_feedback",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    /** The version the author met the process in (a deal's, or the one live when sent without one). */
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    /** A stage, approval or decision key of that version. */
    stageKey: text("stage_key").notNull(),
    /** rule | action | field, with the key of one in that version; none: the stage as a whole. */
    subjectKind: text("subject_kind"),
    subjectKey: text("subject_key"),
    dealId: uuid("deal_id"),
    authorId: uuid("author_id").notNull(),
    anonymous: boolean("anonymous").notNull().default(false),
    /** What is wrong. */
    problem: text("problem").notNull(),
    /** What the author suggests instead. */
    suggestion: text("suggestion"),
    /** open | accepted | declined | shipped */
    status: text("status").notNull().default("open"),
    /** The triager's last reply to the author (required when declining). */
    reply: text("reply"),
    shippedVersionId: uuid("shipped_version_id"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "process_feedback_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "process_feedback_version_fk",
      columns: [t.companyId, t.pipelineVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }),
    foreignKey({
      name: "process_feedback_shipped_fk",
      columns: [t.companyId, t.shippedVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }),
    foreignKey({
      name: "process_feedback_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }),
    foreignKey({
      name: "process_feedback_author_fk",
      columns: [t.companyId, t.authorId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    foreignKey({
      name: "process_feedback_decider_fk",
      columns: [t.companyId, t.decidedBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    // The inbox (by pipeline, status, newest first) and the editor's badges (by stage).
    index("process_feedback_inbox_idx").on(t.companyId, t.pipelineId, t.status, t.createdAt),
    index("process_feedback_stage_idx").on(t.companyId, t.pipelineId, t.stageKey),
    index("process_feedback_author_idx").on(t.companyId, t.authorId, t.updatedAt),
    check("process_feedback_status_check", sql`${t.status} in ('open', 'accepted', 'declined', 'shipped')`),
    check(
      "process_feedback_subject_check",
      sql`(${t.subjectKind} is null and ${t.subjectKey} is null)
        or (${t.subjectKind} in ('rule', 'action', 'field') and ${t.subjectKey} is not null)`,
    ),
    check(
      "process_feedback_shipped_check",
      sql`(${t.status} = 'shipped') = (${t.shippedVersionId} is not null)`,
    ),
    check("process_feedback_declined_check", sql`${t.status} <> 'declined' or ${t.reply} is not null`),
  ],
);

/**
 * Each change of a feedback's status: who, when, from what to what, the note they wrote and (when
 * shipped) the version. Append-only; the author's "what happened to my feedback" reads it.
 */
export const processFeedbackEvents = pgTable(
  "process_feedback_events",
  {
    companyId: uuid("company_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    feedbackId: uuid("feedback_id").notNull(),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    note: text("note"),
    shippedVersionId: uuid("shipped_version_id"),
    actorId: uuid("actor_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "process_feedback_events_feedback_fk",
      columns: [t.companyId, t.feedbackId],
      foreignColumns: [processFeedback.companyId, processFeedback.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "process_feedback_events_version_fk",
      columns: [t.companyId, t.shippedVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }),
    foreignKey({
      name: "process_feedback_events_actor_fk",
      columns: [t.companyId, t.actorId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    index("process_feedback_events_feedback_idx").on(t.companyId, t.feedbackId, t.at),
  ],
);
