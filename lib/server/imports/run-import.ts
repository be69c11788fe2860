import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { importErrors, imports, memberships } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { UserMessage } from "@/lib/server/errors";
import { createDeal } from "@/lib/server/deals/create-deal";
import { placeImportedDeal } from "@/lib/server/deals/place-imported";
import { updateDeal } from "@/lib/server/deals/update-deal";
import type { SheetRow } from "@/lib/import/cells";
import { externalIdOf } from "@/lib/import/convert-row";
import { decideRow, type DecideContext, type ExistingDeal } from "@/lib/import/decide-row";
import type { CellError, RowError } from "@/lib/import/errors";
import type { ImportMapping } from "@/lib/import/mapping";
import { buildPlan, dayAt, existingDeals, repeatsOf } from "./plan";
import { importSheet } from "./records";
import { loadSetup, type ImportSetup } from "./setup";

export const IMPORT_BATCH = 200;

export type RunOptions = {
  batchSize?: number;
  now?: () => Date;
  /** Set when the worker is shutting down: the job stops between rows and is retried later. */
  signal?: AbortSignal;
  /** Called before each row is written (tests use it to stop a job half way through a batch). */
  beforeRow?: (n: number) => void;
};

export type RunResult = "done" | "cancelled" | "failed" | "notStarted";

/** An error the engine (or the database) raised while writing a row, as the row's error. */
function writeError(e: unknown): CellError {
  const cause = e instanceof TRPCError ? e.cause : e;
  if (cause instanceof UserMessage) return { code: "engine", values: { key: cause.key, ...cause.values } };
  type PgError = { code?: string; constraint_name?: string; cause?: PgError };
  const err = e as PgError;
  const pg = err?.code ? err : err?.cause;
  if (pg?.code === "23505" && pg.constraint_name === "deals_external_id_key")
    return { code: "externalIdTaken" };
  console.error("[import] a row failed unexpectedly:", e);
  return { code: "unexpected" };
}

type Writer = {
  setup: ImportSetup;
  plan: DecideContext;
  actorId: string;
  now: Date;
};

/** Writes one row the decision allows, in a savepoint: all of the row or none of it. */
async function writeRow(
  tx: Tx,
  w: Writer,
  row: SheetRow,
  existing: Map<string, ExistingDeal>,
  repeats: Map<number, number>,
): Promise<{ kind: "created" | "updated" } | { kind: "failed"; errors: RowError[] }> {
  const decision = decideRow(row, w.plan, existing, repeats);
  if (decision.kind === "error") return { kind: "failed", errors: decision.errors };
  const r = decision.row;
  try {
    // createDeal and updateDeal each write in a savepoint of their own; a row that also places
    // its new deal in a later stage needs one around both, so it lands whole or not at all.
    const unit = <T>(write: (sp: Tx) => Promise<T>) =>
      decision.kind === "create" && r.stage ? tx.transaction(write) : write(tx);
    return await unit(async (sp) => {
      if (decision.kind === "update") {
        // A title taken from the account (no title column) names new deals only.
        const changes = { ...r.values };
        if (!w.plan.convert.columns.includes("title")) delete changes.title;
        await updateDeal(sp, w.setup.company, w.actorId, {
          dealId: decision.deal.id,
          expectedVersion: decision.deal.version,
          changes,
          ...(r.currency && { currency: r.currency }),
          ownerId: r.ownerId,
          now: w.now,
        });
        return { kind: "updated" as const };
      }
      const outcome = r.stage ? w.plan.newDeal.stages.get(r.stage)?.outcome : "open";
      const closed = outcome === "won" || outcome === "lost";
      const createdAt = r.createdAt
        ? dayAt(r.createdAt)
        : closed && r.closedAt
          ? dayAt(r.closedAt)
          : undefined;
      const deal = await createDeal(sp, w.setup.company, w.actorId, {
        pipelineId: w.setup.pipelineId,
        values: r.values,
        ownerId: r.ownerId,
        externalId: r.externalId,
        currency: r.currency ?? w.plan.convert.currency,
        createdAt,
        // A closed deal's history is its dates; an open one's starts now (no invented stays).
        historyFrom: closed ? undefined : w.now,
        now: w.now,
      });
      if (r.stage && r.stage !== deal.stage) {
        const at = closed && r.closedAt ? dayAt(r.closedAt) : w.now;
        await placeImportedDeal(sp, w.setup.company.id, deal, {
          stage: r.stage,
          at,
          actorId: w.actorId,
          now: w.now,
        });
      }
      return { kind: "created" as const };
    });
  } catch (e) {
    const error = writeError(e);
    return { kind: "failed", errors: [{ ...error, row: row.n, column: null, header: null, value: "" }] };
  }
}

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
 * Runs (or resumes) an import: the rows from its cursor on, in batches. Each batch is one
 * transaction that locks the import's row, reads the cursor afresh, writes every row of the batch
 * in a savepoint of its own (a bad row rolls back alone and is recorded with why), then moves the
 * cursor and the counts. A job stopped anywhere — crash, shutdown, a second worker — resumes at
 * the first row not committed, so every row is written exactly once.
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
      let created = 0;
      let updated = 0;
      const errors: RowError[] = [];
      for (const row of batch) {
        options.beforeRow?.(row.n);
        const result = await writeRow(
          tx,
          { ...writer, now: options.now?.() ?? writer.now },
          row,
          existing,
          repeats,
        );
        if (result.kind === "failed") errors.push(...result.errors);
        else if (result.kind === "created") created++;
        else updated++;
      }
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
