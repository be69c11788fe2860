import {
  bigint,
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
import { companies, memberships, teams } from "./tenancy";
import { pipelines, pipelineVersions } from "./pipelines";

/**
 * A pilot (试点): a version tried on some teams from `starts_at` until `ends_at` (exclusive; none
 * = until ended). New deals of those teams start on the version while it is active. Ending a
 * pilot early sets `ends_at` to that moment and records who ended it; rows are kept for the
 * comparison and the audit.
 */
export const versionPilots = pgTable(
  "version_pilots",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    versionId: uuid("version_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedBy: uuid("ended_by"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "version_pilots_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_pilots_version_fk",
      columns: [t.companyId, t.versionId],
      foreignColumns: [pipelineVersions.companyId, pipelineVersions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_pilots_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    foreignKey({
      name: "version_pilots_ender_fk",
      columns: [t.companyId, t.endedBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    index("version_pilots_pipeline_idx").on(t.companyId, t.pipelineId, t.startsAt),
  ],
);

/** The teams of a pilot. */
export const versionPilotTeams = pgTable(
  "version_pilot_teams",
  {
    companyId: uuid("company_id").notNull(),
    pilotId: uuid("pilot_id").notNull(),
    teamId: uuid("team_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.pilotId, t.teamId] }),
    foreignKey({
      name: "version_pilot_teams_pilot_fk",
      columns: [t.companyId, t.pilotId],
      foreignColumns: [versionPilots.companyId, versionPilots.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_pilot_teams_team_fk",
      columns: [t.companyId, t.teamId],
      foreignColumns: [teams.companyId, teams.id],
    }).onDelete("cascade"),
    index("version_pilot_teams_team_idx").on(t.companyId, t.teamId),
  ],
);

/**
 * The versions' audit log: who drafted, piloted, published, rolled out, ended a pilot, retired or
 * discarded which version, when, with their note. Append-only. The version is kept by id and
 * number without a foreign key, so the log outlives a discarded draft.
 *
 * `action`: drafted | piloted | pilotEnded | published | rolledOut | retired | discarded.
 */
export const versionAuditEvents = pgTable(
  "version_audit_events",
  {
    companyId: uuid("company_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    pipelineId: uuid("pipeline_id").notNull(),
    versionId: uuid("version_id").notNull(),
    versionNumber: integer("version_number").notNull(),
    action: text("action").notNull(),
    actorId: uuid("actor_id"),
    note: text("note"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "version_audit_events_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "version_audit_events_actor_fk",
      columns: [t.companyId, t.actorId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    index("version_audit_events_pipeline_idx").on(t.companyId, t.pipelineId, t.at),
  ],
);
