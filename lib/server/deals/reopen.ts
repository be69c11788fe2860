import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { applyTimerChanges, type TimerChange } from "@/lib/server/jobs/schedule";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import type { PersistedSnapshot, Program } from "@/workflows/runtime";
import { assertVisibleDeal } from "./access";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/outbox";
import { lockDeal } from "./lock";

export type ReopenInput = {
  dealId: string;
  expectedVersion: number;
  /** An open stage of the deal's version; by default the stage it was closed from. */
  stage?: string;
  comment?: string;
  now?: Date;
};

const isOpenStage = (program: Program, key: string | null | undefined) => {
  const meta = key ? program.compiled.machine.states[key]?.meta : undefined;
  return meta?.kind === "stage" && meta.outcome === "open";
};

/**
 * The time limits a stay in `stage` starts, as the shell schedules them after a transition:
 * XState names a delayed transition's event "xstate.after.<delay>.<state id>" and uses that
 * name as the timer's id.
 */
export function stageTimers(
  program: Program,
  companyId: string,
  dealId: string,
  stage: string,
  now: Date,
): TimerChange[] {
  const after = program.compiled.machine.states[stage]?.after ?? {};
  return Object.keys(after).flatMap((delay) => {
    const ms = program.compiled.delays[delay];
    if (ms === undefined) return [];
    const event = `xstate.after.${delay}.${program.compiled.machine.id}.${stage}`;
    return [
      {
        kind: "schedule" as const,
        timerId: event,
        runAt: new Date(now.getTime() + ms),
        job: { companyId, dealId, event, stage, enteredAt: now.toISOString() },
      },
    ];
  });
}

/**
 * Puts a won or lost deal back into an open stage of its version, in one transaction with
 * the version check: a resolved snapshot for that stage, its time limit scheduled, closedAt
 * cleared, and a "reopen" event. Managers and admins only (declared on the procedure).
 */
export async function reopenDeal(db: Db, company: CompanyScope, actorId: string, input: ReopenInput) {
  const now = input.now ?? new Date();
  await assertVisibleDeal(db, company, actorId, input.dealId);
  return db.transaction(async (tx) => {
    const deal = await lockDeal(tx, company.id, input.dealId, input.expectedVersion);
    const program = await loadProgram(tx, company.id, deal.pipelineVersionId);
    const current = program.compiled.machine.states[deal.stage]?.meta;
    if (current?.kind !== "stage" || current.outcome === "open")
      throw appError("BAD_REQUEST", "dealNotClosed");

    let stage = input.stage;
    if (!stage) {
      const [closing] = await tx
        .select({ fromStage: dealEvents.fromStage })
        .from(dealEvents)
        .where(
          and(
            eq(dealEvents.companyId, company.id),
            eq(dealEvents.dealId, deal.id),
            inArray(dealEvents.type, ["action", "approval", "timeLimit", "import"]),
          ),
        )
        .orderBy(desc(dealEvents.at), desc(dealEvents.id))
        .limit(1);
      stage = closing?.fromStage ?? undefined;
      if (!isOpenStage(program, stage)) throw appError("BAD_REQUEST", "reopenStageRequired");
    }
    if (!isOpenStage(program, stage)) throw appError("BAD_REQUEST", "reopenStageInvalid", { stage: stage! });
    const target = stage!;
    const resolved = program.machine.resolveState({
      status: "active",
      value: target,
      historyValue: {},
      context: {},
      children: {},
    } as never);
    const snapshot = program.machine.getPersistedSnapshot(resolved) as unknown as PersistedSnapshot;

    const [[updated]] = await Promise.all([
      tx
        .update(deals)
        .set({
          stage: target,
          snapshot,
          version: deal.version + 1,
          stageEnteredAt: now,
          closedAt: null,
          updatedAt: now,
        })
        .where(and(eq(deals.companyId, company.id), eq(deals.id, deal.id)))
        .returning(),
      tx.insert(dealEvents).values({
        companyId: company.id,
        dealId: deal.id,
        type: "reopen",
        action: "reopen",
        fromStage: deal.stage,
        toStage: target,
        actorId,
        pipelineVersionId: deal.pipelineVersionId,
        comment: input.comment || null,
        at: now,
      }),
      applyTimerChanges(tx, stageTimers(program, company.id, deal.id, target, now)),
    ]);
    await enqueueWebhookEvents(tx, company.id, {
      deal: updated!,
      actor: { type: "user", id: actorId },
      at: now,
      events: [{ type: "deal.stage_changed", action: "reopen", from: deal.stage, to: target }],
    });
    return updated!;
  });
}
