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

export type TimerChange =
  | { kind: "schedule"; job: TimeLimitJob; timerId: string; runAt: Date }
  | { kind: "cancel"; companyId: string; dealId: string; timerId: string };

/**
 * Cancels and enqueues time-limit jobs inside the caller's transaction, in one round
 * trip (graphile-worker's add_job / remove_job are plain SQL functions), so a job
 * exists if and only if the transition that made it committed.
 */
export async function applyTimerChanges(tx: Tx, changes: TimerChange[]) {
  if (changes.length === 0) return;
  const calls = changes.map((c) =>
    c.kind === "cancel"
      ? sql`graphile_worker.remove_job(${timeLimitJobKey(c.companyId, c.dealId, c.timerId)})`
      : sql`graphile_worker.add_job(${TIME_LIMIT_TASK}, ${JSON.stringify(c.job)}::json,
          run_at := ${c.runAt.toISOString()}::timestamptz,
          job_key := ${timeLimitJobKey(c.job.companyId, c.job.dealId, c.timerId)},
          max_attempts := 25)`,
  );
  // Cancels come first, as the engine listed them: leaving a stage, then entering the next.
  await tx.execute(sql`select ${sql.join(calls, sql`, `)}`);
}

/**
 * The timer changes of deals created in this transaction, in one statement whatever their number
 * (graphile-worker's add_jobs). A deal that is new has no job yet, so a cancel only takes back a
 * schedule made earlier in the list — the jobs left are exactly those applyTimerChanges would
 * leave, change by change.
 */
export async function applyNewDealTimerChanges(tx: Tx, changes: TimerChange[]) {
  const jobs = new Map<string, Extract<TimerChange, { kind: "schedule" }>>();
  for (const c of changes) {
    if (c.kind === "cancel") jobs.delete(timeLimitJobKey(c.companyId, c.dealId, c.timerId));
    else jobs.set(timeLimitJobKey(c.job.companyId, c.job.dealId, c.timerId), c);
  }
  if (jobs.size === 0) return;
  const specs = [...jobs].map(([key, c]) => ({
    identifier: TIME_LIMIT_TASK,
    payload: c.job,
    run_at: c.runAt.toISOString(),
    job_key: key,
  }));
  await tx.execute(sql`select count(*) from graphile_worker.add_jobs(array(
    select row(s.identifier, s.payload, null, s.run_at, 25, s.job_key, null, null)::graphile_worker.job_spec
    from json_to_recordset(${JSON.stringify(specs)}::json)
      as s(identifier text, payload json, run_at timestamptz, job_key text)))`);
}
