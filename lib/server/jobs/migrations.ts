import { and, inArray, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { versionMigrations } from "@/lib/server/db/schema";

export const MIGRATION_TASK = "versionMigration";

/** The payload of a migration job: which migration to run (or resume). */
export type MigrationJob = { companyId: string; migrationId: string };

const jobKey = (job: MigrationJob) => `${MIGRATION_TASK}:${job.companyId}:${job.migrationId}`;

/**
 * Enqueues a migration's job in the caller's transaction (so the job exists if and only if the
 * migration was started), keyed by the migration: enqueuing again replaces a waiting job.
 */
export async function enqueueMigration(tx: Db | Tx, job: MigrationJob) {
  await tx.execute(
    sql`select graphile_worker.add_job(${MIGRATION_TASK}, ${JSON.stringify(job)}::json,
      job_key := ${jobKey(job)}, max_attempts := 10)`,
  );
}

/**
 * Migrations that were running when their worker stopped (no batch for `olderThanMs`) get a job
 * again and continue after their cursor. Run when a worker starts; harmless beside a live job:
 * each batch locks the migration's row and reads the cursor afresh.
 */
export async function resumeStalledMigrations(db: Db, olderThanMs = 60_000, now = new Date()) {
  const stalled = await db
    .select({ companyId: versionMigrations.companyId, migrationId: versionMigrations.id })
    .from(versionMigrations)
    .where(
      and(
        inArray(versionMigrations.status, ["queued", "running"]),
        lt(
          versionMigrations.updatedAt,
          sql`${new Date(now.getTime() - olderThanMs).toISOString()}::timestamptz`,
        ),
      ),
    );
  for (const job of stalled) await enqueueMigration(db, job);
  return stalled.length;
}
