import type { CompiledState, CompiledTransition, StageMeta } from "@/workflows/machine/format";
import { edgesByAction, type CompileContext } from "../context";
import { isOpenStage, type StageNode } from "../predicates";
import type { BuiltState } from "./built-state";
import { compileTimeLimit } from "./time-limit";
import { actionTransition, conditionalFirst } from "./transitions";

/**
 * A stage: one event per action key, whose candidate transitions are its edges (conditional
 * ones first); its time limit as a named delay. Won and lost stages are final: nothing leaves
 * them and they have no time limit.
 */
export function stageState(ctx: CompileContext, stage: StageNode): BuiltState {
  const { data } = stage;
  const open = isOpenStage(stage);
  const timeLimit = open ? compileTimeLimit(stage) : null;
  const meta: StageMeta = {
    nodeId: stage.id,
    kind: "stage",
    outcome: data.outcome,
    name: data.name,
    probability: data.probability,
    requiredFields: data.requiredFields,
    ...(data.exitChecklist.length > 0 && {
      exitChecklist: data.exitChecklist.map((item) => ({ id: item.id, label: item.label })),
    }),
    ...(data.owner !== undefined && { owner: data.owner }),
    ...(timeLimit && { timeLimitDelay: timeLimit.delay }),
  };
  const state: CompiledState = {
    ...(!open && { type: "final" as const }),
    tags: ["stage", data.outcome],
    meta,
    // The stage's responsibility rule hands the deal over as it enters the stage.
    ...(data.owner !== undefined &&
      data.owner.kind !== "keep" && {
        entry: [
          {
            type: "applyEffect" as const,
            params: {
              edgeId: `stage:${data.key}`,
              effect: { kind: "assignOwner" as const, rule: data.owner },
            },
          },
        ],
      }),
  };
  if (open) {
    const on: Record<string, CompiledTransition[]> = {};
    for (const [key, edges] of edgesByAction(ctx, stage.id))
      on[key] = conditionalFirst(edges).map((edge) => actionTransition(ctx, edge, stage));
    if (Object.keys(on).length > 0) state.on = on;
  }
  if (timeLimit) state.after = timeLimit.after;
  return { state, delays: timeLimit ? { [timeLimit.delay]: timeLimit.ms } : {} };
}
