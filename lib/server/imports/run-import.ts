import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { importErrors, imports, memberships } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { UserMessage } from "@/lib/server/errors";
import { externalIdOf } from "@/lib/import/convert-row";
import type { ImportMapping } from "@/lib/import/mapping";
import { buildPlan, existingDeals, repeatsOf } from "./plan";
import { importSheet } from "./records";
import { loadSetup, type ImportSetup } from "./setup";
import { writeChunk, type ChunkOptions } from "./write-chunk";
import type { Writer } from "./write-row";

/** Rows per chunk: one transaction, a handful of statements for its new deals, one progress step. */
export const IMPORT_BATCH = 1000;

export type RunOptions = ChunkOptions & {
  batchSize?: number;
  now?: () => Date;
  /** Set when the worker is shutting down: the job stops between chunks and is retried later. */
  signal?: AbortSignal;
};

export type RunResult = "done" | "cancelled" | "failed" | "notStarted";

/** The importer's role now: an import runs with the rights its uploader still has. */
async function importerScope(db: Db, companyId: string, userId: string): Promise<CompanyScope | null> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.companyId, companyId),
        eq(memberships.userId, userId),
        eq(memberships.status, "active"),
      ),
    );
  if (!m || (m.role !== "admin" && m.role !== "manager")) return null;
  return { id: companyId, name: "", role: m.role };
}

async function finish(db: Db, companyId: string, importId: string, status: "failed", failure: string) {
  await db
    .update(imports)
    .set({ status, failure, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(imports.companyId, companyId), eq(imports.id, importId)));
}

/**
 * Runs (or resumes) an import: the rows from its cursor on, in chunks. Each chunk is one
 * transaction that locks the import's row, reads the cursor afresh, writes the chunk's rows
 * (writeChunk: its new deals set-wise, falling back to one savepoint per row, so a bad row rolls
 * back alone and is recorded with why), then moves the cursor and the counts. A job stopped
 * anywhere — crash, shutdown, a second worker — resumes at the first row not committed, so every
 * row is written exactly once.
 */
export async function runImport(
  db: Db,
  job: { companyId: string; importId: string },
  options: RunOptions = {},
): Promise<RunResult> {
  const { companyId, importId } = job;
  const batchSize = options.batchSize ?? IMPORT_BATCH;
  const [record] = await db
    .select({
      status: imports.status,
      createdBy: imports.createdBy,
      pipelineId: imports.pipelineId,
      mapping: imports.mapping,
    })
    .from(imports)
    .where(and(eq(imports.companyId, companyId), eq(imports.id, importId)));
  if (!record) return "failed";
  if (record.status === "done" || record.status === "cancelled" || record.status === "failed")
    return record.status;
  if (record.status === "draft" || !record.mapping) return "notStarted";

  const company = await importerScope(db, companyId, record.createdBy);
  if (!company) {
    await finish(db, companyId, importId, "failed", "importerNotAllowed");
    return "failed";
  }
  let setup: ImportSetup;
  try {
    setup = await loadSetup(db, company, record.createdBy, record.pipelineId);
  } catch (e) {
    const cause = e instanceof TRPCError ? e.cause : null;
    await finish(db, companyId, importId, "failed", cause instanceof UserMessage ? cause.key : "internal");
    return "failed";
  }
  const sheet = await importSheet(db, companyId, importId);
  const mapping = record.mapping as ImportMapping;
  const now = options.now?.() ?? new Date();
  const plan = buildPlan(setup, sheet, mapping, now);
  const repeats = repeatsOf(sheet, mapping);
  const writer: Writer = { setup, plan, actorId: record.createdBy, now };

  await db
    .update(imports)
    .set({ status: "running", startedAt: sql`coalesce(${imports.startedAt}, now())`, updatedAt: sql`now()` })
    .where(and(eq(imports.companyId, companyId), eq(imports.id, importId), eq(imports.status, "queued")));

  for (;;) {
    if (options.signal?.aborted) throw new Error("import stopped: the worker is shutting down");
    const outcome = await db.transaction(async (tx): Promise<RunResult | null> => {
      const [state] = await tx
        .select({ status: imports.status, cursor: imports.cursor })
        .from(imports)
        .where(and(eq(imports.companyId, companyId), eq(imports.id, importId)))
        .for("update");
      if (!state || state.status === "cancelled") return "cancelled";
      if (state.status !== "running") return state.status === "done" ? "done" : "failed";
      if (state.cursor >= sheet.rows.length) {
        await tx
          .update(imports)
          .set({ status: "done", finishedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(imports.companyId, companyId), eq(imports.id, importId)));
        return "done";
      }
      const batch = sheet.rows.slice(state.cursor, state.cursor + batchSize);
      const ids = batch.map((r) => externalIdOf(r, mapping.columns)).filter((id): id is string => !!id);
      const existing = await existingDeals(tx, setup, record.createdBy, ids);
      const { created, updated, errors } = await writeChunk(
        tx,
        { ...writer, now: options.now?.() ?? writer.now },
        batch,
        existing,
        repeats,
        options,
      );
      const failedRows = new Set(errors.map((e) => e.row)).size;
      for (let i = 0; i < errors.length; i += 500) {
        await tx.insert(importErrors).values(
          errors.slice(i, i + 500).map((e) => ({
            companyId,
            importId,
            row: e.row,
            column: e.column,
            header: e.header,
            value: e.value.slice(0, 1000),
            code: e.code,
            values: e.values ?? null,
          })),
        );
      }
      await tx
        .update(imports)
        .set({
          cursor: state.cursor + batch.length,
          created: sql`${imports.created} + ${created}`,
          updated: sql`${imports.updated} + ${updated}`,
          failed: sql`${imports.failed} + ${failedRows}`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(imports.companyId, companyId), eq(imports.id, importId)));
      return null;
    });
    if (outcome) return outcome;
  }
}
