import { and, inArray, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { imports } from "@/lib/server/db/schema";

export const IMPORT_TASK = "import";

/** The payload of an import job: which import to run (or resume). */
export type ImportJob = { companyId: string; importId: string };

const jobKey = (job: ImportJob) => `${IMPORT_TASK}:${job.companyId}:${job.importId}`;

/**
 * Enqueues an import's job in the caller's transaction (graphile-worker's add_job is plain SQL),
 * keyed by the import: enqueuing again replaces a waiting job, and beside a job a dead worker
 * still holds, adds one that resumes at the import's cursor.
 */
export async function enqueueImport(tx: Db | Tx, job: ImportJob) {
  await tx.execute(
    sql`select graphile_worker.add_job(${IMPORT_TASK}, ${JSON.stringify(job)}::json,
      job_key := ${jobKey(job)}, max_attempts := 10)`,
  );
}

/**
 * Imports that were running when their worker stopped (no batch for `olderThanMs`) get a job
 * again, so they resume at their cursor. Run when a worker starts; harmless beside a live job:
 * each batch locks the import's row and reads the cursor afresh.
 */
export async function resumeStalledImports(db: Db, olderThanMs = 60_000, now = new Date()) {
  const stalled = await db
    .select({ companyId: imports.companyId, importId: imports.id })
    .from(imports)
    .where(
      and(
        inArray(imports.status, ["queued", "running"]),
        lt(imports.updatedAt, sql`${new Date(now.getTime() - olderThanMs).toISOString()}::timestamptz`),
      ),
    );
  for (const job of stalled) await enqueueImport(db, job);
  return stalled.length;
}
