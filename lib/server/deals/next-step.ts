import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { assertVisibleDeal } from "./access";
import { lockDeal } from "./lock";

export type NextStepInput = {
  dealId: string;
  expectedVersion: number;
  /** What happens next; empty clears it. */
  text: string | null;
  /** By when, YYYY-MM-DD; null clears it. */
  date: string | null;
  now?: Date;
};

/**
 * Sets the deal's next step and its date under the version check, bumps the version and
 * logs the change old → new as an "update" event. Nothing changed: nothing is written.
 */
export async function setNextStep(db: Db, company: CompanyScope, userId: string, input: NextStepInput) {
  const now = input.now ?? new Date();
  await assertVisibleDeal(db, company, userId, input.dealId);
  return db.transaction(async (tx) => {
    const deal = await lockDeal(tx, company.id, input.dealId, input.expectedVersion);
    const text = input.text?.trim() || null;
    const date = input.date || null;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (deal.nextStep !== text) changes.nextStep = { from: deal.nextStep, to: text };
    if (deal.nextStepAt !== date) changes.nextStepAt = { from: deal.nextStepAt, to: date };
    if (Object.keys(changes).length === 0) return deal;
    const [[updated]] = await Promise.all([
      tx
        .update(deals)
        .set({ nextStep: text, nextStepAt: date, version: deal.version + 1, updatedAt: now })
        .where(and(eq(deals.companyId, company.id), eq(deals.id, deal.id)))
        .returning(),
      tx.insert(dealEvents).values({
        companyId: company.id,
        dealId: deal.id,
        type: "update",
        actorId: userId,
        pipelineVersionId: deal.pipelineVersionId,
        changes,
        at: now,
      }),
    ]);
    return updated!;
  });
}
