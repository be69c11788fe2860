import type { CompiledAction, CompiledTransition } from "@/workflows/machine/format";
import type { StageNode } from "../predicates";

const DAY_MS = 86_400_000;

type Consequence = NonNullable<StageNode["data"]["timeLimit"]>["then"][number];

/** `timeLimit_<stageKey>`: the named delay of a stage's time limit. */
const timeLimitDelayName = (stageKey: string): string => `timeLimit_${stageKey}`;

const consequenceAction = (stage: string, consequence: Consequence): CompiledAction => {
  switch (consequence.kind) {
    case "notifyOwner":
      return { type: "notifyOwner", params: { stage, reason: "timeLimit" } };
    case "escalateToManager":
      return { type: "escalateToManager", params: { stage, reason: "timeLimit" } };
    case "moveBy":
      return { type: "timeLimitMove", params: { stage, action: consequence.action } };
  }
};

export type CompiledTimeLimit = { delay: string; ms: number; after: Record<string, CompiledTransition[]> };

/**
 * A stage's time limit: a named delay (whole milliseconds) and what happens when it passes.
 * A limit with no consequences still gets its delay, so the deal shows as overdue.
 */
export function compileTimeLimit(stage: StageNode): CompiledTimeLimit | null {
  const limit = stage.data.timeLimit;
  if (!limit) return null;
  const delay = timeLimitDelayName(stage.data.key);
  const actions = limit.then.map((c) => consequenceAction(stage.data.key, c));
  return { delay, ms: Math.round(limit.days * DAY_MS), after: { [delay]: [{ actions }] } };
}
