import "server-only";
import { aliasedTable, and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { pipelines, pipelineVersions, users, versionMigrations } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { enqueueMigration } from "@/lib/server/jobs/migrations";
import { recordAudit } from "@/lib/server/pipelines/versions/audit";

/** A running migration whose last batch is older than this has stalled (its worker stopped). */
export const STALLED_AFTER_MS = 2 * 60_000;

const fromVersion = aliasedTable(pipelineVersions, "from_version");
const toVersion = aliasedTable(pipelineVersions, "to_version");
const roller = aliasedTable(users, "roller");

const ACTIVE = new Set(["queued", "running"]);

function present(r: Awaited<ReturnType<typeof selectMigrations>>[number], now: Date) {
  const active = ACTIVE.has(r.status);
  return {
    ...r,
    /** Deals gone through so far (moved or passed over), for the progress bar. */
    processed: r.migrated + r.skipped,
    stalled: active && now.getTime() - r.updatedAt.getTime() > STALLED_AFTER_MS,
    canRollBack: r.status === "done" || r.status === "failed" || r.status === "cancelled",
  };
}

function selectMigrations(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      id: versionMigrations.id,
      pipelineId: versionMigrations.pipelineId,
      status: versionMigrations.status,
      from: { id: versionMigrations.fromVersionId, number: fromVersion.number },
      to: { id: versionMigrations.toVersionId, number: toVersion.number },
      mapping: versionMigrations.mapping,
      viaRollout: versionMigrations.viaRollout,
      total: versionMigrations.total,
      migrated: versionMigrations.migrated,
      skipped: versionMigrations.skipped,
      note: versionMigrations.note,
      failure: versionMigrations.failure,
      createdAt: versionMigrations.createdAt,
      startedAt: versionMigrations.startedAt,
      finishedAt: versionMigrations.finishedAt,
      updatedAt: versionMigrations.updatedAt,
      createdByName: users.name,
      rolledBackAt: versionMigrations.rolledBackAt,
      rolledBackByName: roller.name,
      rollbackNote: versionMigrations.rollbackNote,
    })
    .from(versionMigrations)
    .innerJoin(
      fromVersion,
      and(
        eq(fromVersion.companyId, versionMigrations.companyId),
        eq(fromVersion.id, versionMigrations.fromVersionId),
      ),
    )
    .innerJoin(
      toVersion,
      and(
        eq(toVersion.companyId, versionMigrations.companyId),
        eq(toVersion.id, versionMigrations.toVersionId),
      ),
    )
    .leftJoin(users, eq(users.id, versionMigrations.createdBy))
    .leftJoin(roller, eq(roller.id, versionMigrations.rolledBackBy))
    .where(where)
    .orderBy(desc(versionMigrations.createdAt));
}

/** A pipeline's migrations, newest first, with their progress. */
export async function listMigrations(db: Db, companyId: string, pipelineId: string, now = new Date()) {
  const [pipeline] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, pipelineId)));
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  const rows = await selectMigrations(
    db,
    and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.pipelineId, pipelineId)),
  ).limit(100);
  return rows.map((r) => present(r, now));
}

/** One migration and where it stands (what the progress bar polls). */
export async function getMigration(db: Db, companyId: string, migrationId: string, now = new Date()) {
  const [row] = await selectMigrations(
    db,
    and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, migrationId)),
  );
  if (!row) throw appError("NOT_FOUND", "migrations.notFound");
  return present(row, now);
}

/** Stops a migration at its next batch; the deals it moved stay moved (roll back to undo them). */
export async function cancelMigration(db: Db, companyId: string, userId: string, migrationId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(versionMigrations)
      .set({ status: "cancelled", finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(
        and(
          eq(versionMigrations.companyId, companyId),
          eq(versionMigrations.id, migrationId),
          inArray(versionMigrations.status, ["queued", "running"]),
        ),
      )
      .returning();
    if (!row) {
      await getMigration(db, companyId, migrationId);
      throw appError("CONFLICT", "migrations.notRunning");
    }
    const [to] = await tx
      .select({ number: pipelineVersions.number })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, row.toVersionId)));
    await recordAudit(tx, companyId, [
      {
        pipelineId: row.pipelineId,
        version: { id: row.toVersionId, number: to?.number ?? 0 },
        action: "migrationFinished",
        actorId: userId,
        details: { migrationId, migrated: row.migrated, skipped: row.skipped, cancelled: true },
      },
    ]);
    return { status: row.status };
  });
}

/** Enqueues a stalled migration again (its worker stopped); it continues after its cursor. */
export async function resumeMigration(db: Db, companyId: string, migrationId: string, now = new Date()) {
  const m = await getMigration(db, companyId, migrationId, now);
  if (!ACTIVE.has(m.status)) throw appError("CONFLICT", "migrations.notRunning");
  if (!m.stalled) throw appError("CONFLICT", "migrations.notStalled");
  await enqueueMigration(db, { companyId, migrationId });
  return { status: m.status };
}
