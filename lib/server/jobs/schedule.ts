import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";

/** The payload of a stage time-limit job. */
export type TimeLimitJob = {
  companyId: string;
  dealId: string;
  /** The XState event to feed back, e.g. "xstate.after.timeLimit_lead.pipeline.lead". */
  event: string;
  stage: string;
  /** When the deal entered the stage: a job for an earlier stay is a no-op. */
  enteredAt: string;
};

export const TIME_LIMIT_TASK = "timeLimit";

/** One job per deal and timer: a re-entry replaces the previous stay's job. */
export function timeLimitJobKey(companyId: string, dealId: string, timerId: string) {
  return `${TIME_LIMIT_TASK}:${companyId}:${dealId}:${timerId}`;
}

/**
 * Enqueues a time-limit job inside the caller's transaction (graphile-worker's
 * add_job is plain SQL), so the job exists if and only if the transition committed.
 */
export async function scheduleTimeLimit(tx: Tx, job: TimeLimitJob, timerId: string, runAt: Date) {
  await tx.execute(sql`select graphile_worker.add_job(
    ${TIME_LIMIT_TASK}, ${JSON.stringify(job)}::json,
    run_at := ${runAt.toISOString()}::timestamptz,
    job_key := ${timeLimitJobKey(job.companyId, job.dealId, timerId)},
    max_attempts := 25)`);
}

export async function cancelTimeLimit(tx: Tx, companyId: string, dealId: string, timerId: string) {
  await tx.execute(sql`select graphile_worker.remove_job(${timeLimitJobKey(companyId, dealId, timerId)})`);
}
