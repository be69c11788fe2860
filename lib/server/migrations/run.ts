import { TRPCError } from "@trpc/server";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, versionMigrationDeals, versionMigrations } from "@/lib/server/db/schema";
import { UserMessage } from "@/lib/server/errors";
import { recordAudit } from "@/lib/server/pipelines/versions/audit";
import { moveDeals, type DealMove } from "./move-deals";
import { loadPair, openDealsOf, type Pair } from "./pair";

/*
 * The migration job (graphile-worker task "versionMigration"). No "server-only" here: the worker
 * imports it outside Next.js.
 */

export const MIGRATION_BATCH = 200;

export type RunOptions = {
  batchSize?: number;
  now?: () => Date;
  /** Set when the worker is shutting down: the job stops between batches and is retried later. */
  signal?: AbortSignal;
  /**
   * Called in each batch's transaction after its deals, events and time limits were written and
   * before the cursor moves and it commits, with the number of deals moved so far including this
   * batch's (tests stop the job here, half way through a batch).
   */
  beforeCommit?: (moved: number) => void | Promise<void>;
};

export type RunResult = "done" | "cancelled" | "failed" | "rolledBack" | "notFound";

async function fail(db: Db, companyId: string, migrationId: string, failure: string) {
  await db
    .update(versionMigrations)
    .set({ status: "failed", failure, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, migrationId)));
}

/**
 * Runs (or resumes) a migration: the open deals of the old version after the cursor, in id
 * order, in batches. Each batch is one transaction that locks the migration's row and reads the
 * cursor afresh, locks its deals (SELECT … FOR UPDATE, the lock every deal write takes), moves
 * them to the new version and state with their `migrated` events and time limits, records them,
 * then moves the cursor and the counts. A job stopped anywhere — crash, shutdown, a second
 * worker — resumes after the last committed deal: no deal is half moved, and none twice (a deal
 * already moved is on the new version and no longer matches).
 */
export async function runMigration(
  db: Db,
  job: { companyId: string; migrationId: string },
  options: RunOptions = {},
): Promise<RunResult> {
  const { companyId, migrationId } = job;
  const batchSize = options.batchSize ?? MIGRATION_BATCH;
  const [record] = await db
    .select()
    .from(versionMigrations)
    .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, migrationId)));
  if (!record) return "notFound";
  if (record.status !== "queued" && record.status !== "running") return record.status;

  let pair: Pair;
  try {
    // The new version was published when the migration started; it may be retired since.
    pair = await loadPair(db, companyId, record, ["published", "retired", "pilot"]);
  } catch (e) {
    const cause = e instanceof TRPCError ? e.cause : null;
    await fail(db, companyId, migrationId, cause instanceof UserMessage ? cause.key : "internal");
    return "failed";
  }
  const mapping = record.mapping;

  await db
    .update(versionMigrations)
    .set({
      status: "running",
      startedAt: sql`coalesce(${versionMigrations.startedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(versionMigrations.companyId, companyId),
        eq(versionMigrations.id, migrationId),
        eq(versionMigrations.status, "queued"),
      ),
    );

  for (;;) {
    if (options.signal?.aborted) throw new Error("migration stopped: the worker is shutting down");
    const now = options.now?.() ?? new Date();
    const outcome = await db.transaction(async (tx): Promise<RunResult | null> => {
      const [state] = await tx
        .select({
          status: versionMigrations.status,
          cursor: versionMigrations.cursor,
          migrated: versionMigrations.migrated,
          skipped: versionMigrations.skipped,
        })
        .from(versionMigrations)
        .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, migrationId)))
        .for("update");
      if (!state) return "notFound";
      if (state.status !== "running" && state.status !== "queued") return state.status;

      const batch = await tx
        .select()
        .from(deals)
        .where(
          and(
            openDealsOf(companyId, pair.from.id, pair.from.states),
            state.cursor ? gt(deals.id, state.cursor) : undefined,
          ),
        )
        .orderBy(asc(deals.id))
        .limit(batchSize)
        .for("update");
      if (batch.length === 0) {
        await tx
          .update(versionMigrations)
          .set({ status: "done", finishedAt: sql`now()`, updatedAt: sql`now()` })
          .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, migrationId)));
        await recordAudit(tx, companyId, [
          {
            pipelineId: pair.pipelineId,
            version: { id: pair.to.id, number: pair.to.number },
            action: "migrationFinished",
            actorId: record.createdBy,
            details: {
              migrationId,
              from: { id: pair.from.id, number: pair.from.number },
              to: { id: pair.to.id, number: pair.to.number },
              migrated: state.migrated,
              skipped: state.skipped,
            },
          },
        ]);
        return "done";
      }

      // A deal in a state the mapping does not name (it reached it after the start) stays put.
      const moves: DealMove[] = [];
      let skipped = 0;
      for (const deal of batch) {
        const target = Object.hasOwn(mapping, deal.stage) ? mapping[deal.stage] : undefined;
        if (!target) {
          skipped++;
          continue;
        }
        // A stage that keeps its key is the same stay: its clock (and time limit) goes on.
        moves.push({ deal, stage: target, enteredAt: target === deal.stage ? deal.stageEnteredAt : now });
      }
      const events = await moveDeals(tx, {
        companyId,
        from: pair.from,
        to: pair.to,
        type: "migrated",
        actorId: record.createdBy,
        comment: record.note,
        now,
        moves,
      });
      if (moves.length)
        await tx.insert(versionMigrationDeals).values(
          moves.map((m) => ({
            companyId,
            migrationId,
            dealId: m.deal.id,
            fromStage: m.deal.stage,
            toStage: m.stage,
            fromEnteredAt: m.deal.stageEnteredAt,
            eventId: events.get(m.deal.id)!,
          })),
        );
      await options.beforeCommit?.(state.migrated + moves.length);
      await tx
        .update(versionMigrations)
        .set({
          cursor: batch[batch.length - 1]!.id,
          migrated: sql`${versionMigrations.migrated} + ${moves.length}`,
          skipped: sql`${versionMigrations.skipped} + ${skipped}`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, migrationId)));
      return null;
    });
    if (outcome) return outcome;
  }
}
