import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { versionMigrations } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { enqueueMigration } from "@/lib/server/jobs/migrations";
import { lockPipeline } from "@/lib/server/pipelines/editor/shared";
import { recordAudit } from "@/lib/server/pipelines/versions/audit";
import { mappingProblems, type StageMapping } from "@/workflows/versions/migration-mapping";
import { loadPair, openCounts } from "./pair";

export type StartMigrationInput = {
  fromVersionId: string;
  toVersionId: string;
  /** Old state key → new state key, as the trainer confirmed it. */
  mapping: StageMapping;
  note: string;
};

/**
 * Starts a migration in the caller's transaction: checks the pair (the new version is the
 * published one) and the mapping (every state holding open deals has an open target), records
 * the migration with its total, writes the audit entry and enqueues the job — all with the
 * caller's change (a rollout) or none of it. One migration of a pipeline runs at a time.
 */
export async function startMigrationTx(
  tx: Tx,
  companyId: string,
  userId: string,
  input: StartMigrationInput & { viaRollout?: boolean },
) {
  const pair = await loadPair(tx, companyId, input);
  await lockPipeline(tx, companyId, pair.pipelineId);
  const counts = await openCounts(tx, companyId, pair.from);
  const problems = mappingProblems(input.mapping, pair.from.program.definition, pair.to.program.definition, [
    ...counts.keys(),
  ]);
  if (problems.unmapped.length)
    throw appError("BAD_REQUEST", "migrations.unmapped", { count: problems.unmapped.length }, { problems });
  if (problems.unknownSources.length || problems.unknownTargets.length)
    throw appError("BAD_REQUEST", "migrations.badMapping", {}, { problems });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) throw appError("BAD_REQUEST", "migrations.nothingToMigrate", { number: pair.from.number });
  const [running] = await tx
    .select({ id: versionMigrations.id })
    .from(versionMigrations)
    .where(
      and(
        eq(versionMigrations.companyId, companyId),
        eq(versionMigrations.pipelineId, pair.pipelineId),
        inArray(versionMigrations.status, ["queued", "running"]),
      ),
    );
  if (running) throw appError("CONFLICT", "migrations.alreadyRunning");
  const [row] = await tx
    .insert(versionMigrations)
    .values({
      companyId,
      pipelineId: pair.pipelineId,
      fromVersionId: pair.from.id,
      toVersionId: pair.to.id,
      mapping: input.mapping,
      viaRollout: input.viaRollout ?? false,
      total,
      note: input.note,
      createdBy: userId,
    })
    .returning({ id: versionMigrations.id });
  const migrationId = row!.id;
  await recordAudit(tx, companyId, [
    {
      pipelineId: pair.pipelineId,
      version: { id: pair.to.id, number: pair.to.number },
      action: "migrationStarted",
      actorId: userId,
      note: input.note,
      details: {
        migrationId,
        from: { id: pair.from.id, number: pair.from.number },
        to: { id: pair.to.id, number: pair.to.number },
        total,
        viaRollout: input.viaRollout ?? false,
      },
    },
  ]);
  await enqueueMigration(tx, { companyId, migrationId });
  return { migrationId, total };
}

/** Starts a migration on its own (not with a rollout). */
export function startMigration(db: Db, companyId: string, userId: string, input: StartMigrationInput) {
  return db.transaction((tx) => startMigrationTx(tx, companyId, userId, input));
}
