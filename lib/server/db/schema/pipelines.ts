import {
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import { companies, memberships } from "./tenancy";

export const versionStatusEnum = pgEnum("version_status", ["draft", "pilot", "published", "retired"]);

/** A company's sales process, e.g. 新客户 / New business, 续约 / Renewals. */
export const pipelines = pgTable(
  "pipelines",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    key: text("key").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), unique("pipelines_key").on(t.companyId, t.key)],
);

/** One version of a pipeline: the definition as drawn, and (once compiled) its machine. */
export const pipelineVersions = pgTable(
  "pipeline_versions",
  {
    companyId: uuid("company_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    number: integer("number").notNull(),
    status: versionStatusEnum("status").notNull().default("draft"),
    definition: jsonb("definition").$type<PipelineDefinition>().notNull(),
    machine: jsonb("machine"),
    hash: text("hash"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Bumped by every save of a draft: two editors of one draft conflict instead of overwriting. */
    revision: integer("revision").notNull().default(1),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Asked for on publish (and pilot): what changed and why, shown in the versions panel. */
    changeNote: text("change_note"),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    unique("pipeline_versions_number").on(t.companyId, t.pipelineId, t.number),
    foreignKey({
      name: "pipeline_versions_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "pipeline_versions_author_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
  ],
);
