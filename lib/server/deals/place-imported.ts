import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { dealEvents, deals } from "@/lib/server/db/schema";
import { applyTimerChanges, type TimerChange } from "@/lib/server/jobs/schedule";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import type { PersistedSnapshot, Program } from "@/workflows/runtime";
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

/** The snapshot of a version resting in a stage, resolved once per version and stage. */
const resolvedSnapshots = new WeakMap<Program, Map<string, PersistedSnapshot>>();

function snapshotAt(program: Program, stage: string, final: boolean): PersistedSnapshot {
  let byStage = resolvedSnapshots.get(program);
  if (!byStage) resolvedSnapshots.set(program, (byStage = new Map()));
  let snapshot = byStage.get(stage);
  if (!snapshot) {
    const resolved = program.machine.resolveState({
      status: final ? "done" : "active",
      value: stage,
      historyValue: {},
      context: {},
      children: {},
    } as never);
    snapshot = program.machine.getPersistedSnapshot(resolved) as unknown as PersistedSnapshot;
    byStage.set(stage, snapshot);
  }
  return snapshot;
}

/**
 * What placing an imported deal writes (see placeImportedDeal): the deal's new columns, its
 * "import" event and the timer changes. Pure; an import places many deals at once with it.
 */
export function importedPlacement(
  program: Program,
  companyId: string,
  deal: Pick<DealRow, "id" | "stage" | "version" | "pipelineVersionId">,
  placement: Placement,
) {
  const meta = program.compiled.machine.states[placement.stage]?.meta;
  if (meta?.kind !== "stage") throw new Error(`import: "${placement.stage}" is not a stage of the version`);
  const closed = meta.outcome !== "open";
  const final = program.compiled.machine.states[placement.stage]?.type === "final";
  const timers: TimerChange[] = [
    ...stageTimers(program, companyId, deal.id, deal.stage, placement.now).map((t) => ({
      kind: "cancel" as const,
      companyId,
      dealId: deal.id,
      timerId: t.timerId,
    })),
    ...(closed ? [] : stageTimers(program, companyId, deal.id, placement.stage, placement.now)),
  ];
  return {
    set: {
      stage: placement.stage,
      snapshot: snapshotAt(program, placement.stage, final),
      version: deal.version + 1,
      stageEnteredAt: placement.at,
      closedAt: closed ? placement.at : null,
      updatedAt: placement.now,
    },
    event: {
      companyId,
      dealId: deal.id,
      type: "import",
      fromStage: deal.stage,
      toStage: placement.stage,
      actorId: placement.actorId,
      pipelineVersionId: deal.pipelineVersionId,
      at: placement.at,
    } satisfies typeof dealEvents.$inferInsert,
    timers,
  };
}

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
  const placed = importedPlacement(program, companyId, deal, placement);
  const [[updated]] = await Promise.all([
    tx
      .update(deals)
      .set(placed.set)
      .where(and(eq(deals.companyId, companyId), eq(deals.id, deal.id)))
      .returning(),
    tx.insert(dealEvents).values(placed.event),
    applyTimerChanges(tx, placed.timers),
  ]);
  return updated!;
}
