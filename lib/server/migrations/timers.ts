import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { TIME_LIMIT_TASK, timeLimitJobKey, type TimerChange } from "@/lib/server/jobs/schedule";

/**
 * Writes many deals' time-limit changes in two statements, whatever their number: the removals
 * through graphile-worker's remove_job, the jobs through its set-wise add_jobs (the same job keys
 * applyTimerChanges uses, so a later stay replaces them as usual). A migration moves thousands of
 * deals; one add_job call per deal would cost a statement each.
 */
export async function applyTimerChangesInBulk(tx: Tx, changes: TimerChange[]) {
  const removals: string[] = [];
  const specs: Record<string, unknown>[] = [];
  for (const c of changes) {
    if (c.kind === "cancel") removals.push(timeLimitJobKey(c.companyId, c.dealId, c.timerId));
    else
      specs.push({
        identifier: TIME_LIMIT_TASK,
        payload: c.job,
        run_at: c.runAt.toISOString(),
        max_attempts: 25,
        job_key: timeLimitJobKey(c.job.companyId, c.job.dealId, c.timerId),
      });
  }
  // Removals first, as the engine lists them: leaving a state, then entering the next.
  if (removals.length)
    await tx.execute(sql`select count(graphile_worker.remove_job(k))
      from json_array_elements_text(${JSON.stringify(removals)}::json) as k`);
  if (specs.length)
    await tx.execute(sql`select count(*) from graphile_worker.add_jobs(array(
      select json_populate_record(null::graphile_worker.job_spec, s)
      from json_array_elements(${JSON.stringify(specs)}::json) as s))`);
}
