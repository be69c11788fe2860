import {
  bigint,
  customType,
  foreignKey,
  index,
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
import type { ErrorValues, ImportErrorCode } from "@/lib/import/errors";
import type { ImportMapping, MappingPreset } from "@/lib/import/mapping";
import { pipelines } from "./pipelines";
import { companies, memberships } from "./tenancy";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * draft: uploaded, being mapped; queued / running: the job has it (cursor = rows committed);
 * done; failed (the job gave up, e.g. the pipeline lost its published version); cancelled.
 */
export const importStatusEnum = pgEnum("import_status", [
  "draft",
  "queued",
  "running",
  "done",
  "failed",
  "cancelled",
]);

/**
 * One uploaded file of deals and its import. The file itself is kept (bytea) so the mapping
 * steps, the dry run and a resumed job all read the same bytes. `cursor` is the number of data
 * rows committed: each batch of rows and the cursor move in one transaction, so a job that
 * stops anywhere resumes at the first row not yet written, and no row is written twice.
 */
export const imports = pgTable(
  "imports",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull(),
    createdBy: uuid("created_by").notNull(),
    fileName: text("file_name").notNull(),
    /** csv | xlsx */
    format: text("format").notNull(),
    /** How a CSV was decoded (utf-8, utf-8-bom, gb18030 …); null for XLSX. */
    encoding: text("encoding"),
    byteSize: integer("byte_size").notNull(),
    file: bytea("file").notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    rowCount: integer("row_count").notNull(),
    /** The mapping the import runs with, fixed when it starts. */
    mapping: jsonb("mapping").$type<ImportMapping>(),
    status: importStatusEnum("status").notNull().default("draft"),
    cursor: integer("cursor").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** Why the whole import stopped (a catalogue key under errors), when it failed. */
    failure: text("failure"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Touched by every committed batch: a running import whose time stands still has stalled. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "imports_pipeline_fk",
      columns: [t.companyId, t.pipelineId],
      foreignColumns: [pipelines.companyId, pipelines.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "imports_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    index("imports_company_created_idx").on(t.companyId, t.createdAt),
  ],
);

/** A row an import could not write, and why: what the error report lists. */
export const importErrors = pgTable(
  "import_errors",
  {
    companyId: uuid("company_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    importId: uuid("import_id").notNull(),
    row: integer("row").notNull(),
    column: integer("column"),
    header: text("header"),
    value: text("value").notNull().default(""),
    code: text("code").$type<ImportErrorCode>().notNull(),
    values: jsonb("values").$type<ErrorValues>(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "import_errors_import_fk",
      columns: [t.companyId, t.importId],
      foreignColumns: [imports.companyId, imports.id],
    }).onDelete("cascade"),
    index("import_errors_import_idx").on(t.companyId, t.importId, t.row),
  ],
);

/** A named column and value mapping, saved to reuse with the next file of the same shape. */
export const importMappings = pgTable(
  "import_mappings",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    preset: jsonb("preset").$type<MappingPreset>().notNull(),
    createdBy: uuid("created_by").notNull(),
    /** Bumped by every save: two people saving one mapping conflict instead of overwriting. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    unique("import_mappings_name_key").on(t.companyId, t.name),
    foreignKey({
      name: "import_mappings_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
  ],
);
