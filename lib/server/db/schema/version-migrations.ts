import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { deals } from "./deals";
import { pipelines, pipelineVersions } from "./pipelines";
import { companies, memberships } from "./tenancy";

/**
 * queued / running: the job has it (cursor = the last deal id committed); done; failed (the job
 * gave up: `failure` says why); cancelled (stopped by a trainer; what committed stays);
 * rolledBack (every deal it moved is back on the old version).
 */
export const versionMigrationStatusEnum = pgEnum("version_migration_status", [
  "queued",
  "running",
  "done",
  "failed",
  "cancelled",
  "rolledBack",
]);

/**
 * A migration (版本迁移): the open deals of one version of a pipeline moved to another, each
 * stage of the old version mapped to one of the new (`mapping`: old key → new key). It runs as a
 * job in batches; each batch moves its deals, appends their events, records them in
 * `version_migration_deals` and moves the cursor and counts in one transaction, so a job stopped
 * anywhere resumes after the last committed deal and no deal is moved twice.
 */
export const versionMigrations = pgTable(
  "version_migrations",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    fromVersionId: uuid("from_version_id").notNull(),
    toVersionId: uuid("to_version_id").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    status: versionMigrationStatusEnum("status").notNull().default("queued"),
    /** Started by a rollout (the promote of `to_version_id`) rather than on its own. */
    viaRollout: boolean("via_rollout").notNull().default(false),
    /** Open deals on the old version when it started. */
    total: integer("total").notNull().default(0),
    migrated: integer("migrated").notNull().default(0),
    /** Deals passed over (in a state the mapping does not name: e.g. reopened since the start). */
    skipped: integer("skipped").notNull().default(0),
    /** The last deal id a committed batch went through (deals are taken in id order). */
    cursor: uuid("cursor"),
    note: text("note").notNull(),
    /** Why the job gave up (a catalogue key under errors), when it failed. */
    failure: text("failure"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Touched by every committed batch: a running migration whose time stands still has stalled. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    rolledBackBy: uuid("rolled_back_by"),
    rolledBackAt: timestamp("rolled_back_at", { withTimezone: true }),
    rollbackNote: text("rollback_note"),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "version_migrations_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_migrations_from_fk",
      columns: [t.companyId, t.fromVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_migrations_to_fk",
      columns: [t.companyId, t.toVersionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_migrations_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    foreignKey({
      name: "version_migrations_rollback_fk",
      columns: [t.companyId, t.rolledBackBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    index("version_migrations_pipeline_idx").on(t.companyId, t.pipelineId, t.createdAt),
    // One migration of a pipeline runs at a time.
    uniqueIndex("version_migrations_one_running_key")
      .on(t.companyId, t.pipelineId)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * Every deal a migration moved, written in the batch that moved it: where it was (stage and the
 * time it entered it) and its `migrated` event. Rollback reads it to put each deal back and to
 * check that no deal has moved since its event; the primary key makes a second move of a deal by
 * one migration impossible.
 */
export const versionMigrationDeals = pgTable(
  "version_migration_deals",
  {
    companyId: uuid("company_id").notNull(),
    migrationId: uuid("migration_id").notNull(),
    dealId: uuid("deal_id").notNull(),
    fromStage: text("from_stage").notNull(),
    toStage: text("to_stage").notNull(),
    fromEnteredAt: timestamp("from_entered_at", { withTimezone: true }).notNull(),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    rolledBackEventId: bigint("rolled_back_event_id", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.migrationId, t.dealId] }),
    foreignKey({
      name: "version_migration_deals_migration_fk",
      columns: [t.companyId, t.migrationId],
      foreignColumns: [versionMigrations.companyId, versionMigrations.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_migration_deals_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }).onDelete("cascade"),
    index("version_migration_deals_deal_idx").on(t.companyId, t.dealId),
  ],
);
