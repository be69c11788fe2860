import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { dealEvents, deals } from "@/lib/server/db/schema";
import { applyTimerChanges, type TimerChange } from "@/lib/server/jobs/schedule";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import type { PersistedSnapshot } from "@/workflows/runtime";
import { stageTimers } from "./reopen";

type DealRow = typeof deals.$inferSelect;

export type Placement = {
  /** A stage of the deal's version (checked by the import's mapping). */
  stage: string;
  /** When the deal reached it: the close date of a won or lost deal, else the import's time. */
  at: Date;
  actorId: string;
  now: Date;
};

/**
 * Puts a deal an import has just created (in its pipeline's first stage, through createDeal)
 * into the stage the system it came from had it in. The engine cannot walk it there — the old
 * system never recorded the answers its conditions ask for — so the move is written the way
 * reopen writes one: a snapshot resolved for that stage, the first stage's time limits
 * cancelled and the new stage's scheduled (from now: the clock starts in Pipewright), and one
 * "import" event from → to at `at`, so funnels and won/lost figures count the deal on the day
 * it really closed. Only an import calls this, only on a deal it created in the same
 * transaction.
 */
export async function placeImportedDeal(tx: Tx, companyId: string, deal: DealRow, placement: Placement) {
  const program = await loadProgram(tx, companyId, deal.pipelineVersionId);
  const meta = program.compiled.machine.states[placement.stage]?.meta;
  if (meta?.kind !== "stage") throw new Error(`import: "${placement.stage}" is not a stage of the version`);
  const closed = meta.outcome !== "open";
  const final = program.compiled.machine.states[placement.stage]?.type === "final";
  const resolved = program.machine.resolveState({
    status: final ? "done" : "active",
    value: placement.stage,
    historyValue: {},
    context: {},
    children: {},
  } as never);
  const snapshot = program.machine.getPersistedSnapshot(resolved) as unknown as PersistedSnapshot;
  const timers: TimerChange[] = [
    ...stageTimers(program, companyId, deal.id, deal.stage, placement.now).map((t) => ({
      kind: "cancel" as const,
      companyId,
      dealId: deal.id,
      timerId: t.timerId,
    })),
    ...(closed ? [] : stageTimers(program, companyId, deal.id, placement.stage, placement.now)),
  ];
  const [[updated]] = await Promise.all([
    tx
      .update(deals)
      .set({
        stage: placement.stage,
        snapshot,
        version: deal.version + 1,
        stageEnteredAt: placement.at,
        closedAt: closed ? placement.at : null,
        updatedAt: placement.now,
      })
      .where(and(eq(deals.companyId, companyId), eq(deals.id, deal.id)))
      .returning(),
    tx.insert(dealEvents).values({
      companyId,
      dealId: deal.id,
      type: "import",
      fromStage: deal.stage,
      toStage: placement.stage,
      actorId: placement.actorId,
      pipelineVersionId: deal.pipelineVersionId,
      at: placement.at,
    }),
    applyTimerChanges(tx, timers),
  ]);
  return updated!;
}
