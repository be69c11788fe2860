import { and, eq, gte } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals } from "@/lib/server/db/schema";
import { applyAction, commitStep } from "@/lib/server/deals/apply-action";
import type { TimeLimitJob } from "./schedule";

const SYSTEM = { id: "system", role: "system" as const };

/**
 * A stage time limit came due: feed the timer event back through the engine. If the
 * deal has left the stage (or left and come back) since the job was made, nothing
 * happens. A limit that moves the deal runs that action like anyone else would.
 */
export async function runTimeLimit(db: Db, job: TimeLimitJob, now = new Date()): Promise<"fired" | "stale"> {
  const result = await db.transaction(async (tx) => {
    const [deal] = await tx
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, job.companyId), eq(deals.id, job.dealId)))
      .for("update");
    if (!deal || deal.stage !== job.stage || deal.stageEnteredAt.toISOString() !== job.enteredAt) return null;
    // A job retried after its work committed (the worker died before marking it done) does not fire twice.
    const [fired] = await tx
      .select({ id: dealEvents.id })
      .from(dealEvents)
      .where(
        and(
          eq(dealEvents.companyId, job.companyId),
          eq(dealEvents.dealId, job.dealId),
          eq(dealEvents.type, "timeLimit"),
          eq(dealEvents.fromStage, job.stage),
          gte(dealEvents.at, deal.stageEnteredAt),
        ),
      )
      .limit(1);
    if (fired) return null;
    return commitStep(tx, job.companyId, deal, SYSTEM, job.event, {}, now);
  });
  if (!result || !result.moved) return "stale";
  for (const follow of result.followUps ?? []) {
    // The deal's version after the time-limit event; another change meanwhile wins (CONFLICT → skipped).
    await applyAction(db, { id: job.companyId, name: "", role: "admin" }, null, {
      dealId: job.dealId,
      expectedVersion: result.deal.version,
      action: follow.action,
      now,
    }).catch(() => undefined);
  }
  return "fired";
}
