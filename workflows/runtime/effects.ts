import type { Condition } from "@/workflows/definition/schema";
import type { CompiledAction } from "@/workflows/machine/format";
import type { DealValues } from "@/workflows/rules";
import { conditionHolds } from "./registry";
import type { Program } from "./program";
import type { ShellEffect } from "./types";

type XStateAction = { type: string; params?: unknown };

/**
 * Turns the actions `transition()` returned into the effects the shell performs:
 * delayed raises become durable timers, cancels cancel them, the registry's named
 * actions become effects (a notify's `when` is decided here, where the rules live).
 */
export function toShellEffects(
  program: Program,
  actions: readonly XStateAction[],
  values: DealValues,
  now: Date,
  stage: string,
): ShellEffect[] {
  const out: ShellEffect[] = [];
  for (const action of actions) {
    if (action.type === "xstate.raise") {
      const p = action.params as { event: { type: string }; id?: string; delay?: number };
      if (p.delay !== undefined) {
        out.push({
          kind: "scheduleTimer",
          id: p.id ?? p.event.type,
          event: p.event.type,
          delayMs: p.delay,
          stage,
        });
      }
      continue;
    }
    if (action.type === "xstate.cancel") {
      out.push({ kind: "cancelTimer", id: (action.params as { sendId: string }).sendId });
      continue;
    }
    const named = action as CompiledAction;
    switch (named.type) {
      case "applyEffect": {
        const { edgeId, effect } = named.params;
        if (effect.kind === "setField")
          out.push({ kind: "setField", edgeId, field: effect.field, value: effect.value });
        else if (effect.kind === "assignOwner") out.push({ kind: "assignOwner", edgeId, rule: effect.rule });
        else if (!effect.when || conditionHolds(program, effect.when as Condition, values, now)) {
          out.push({ kind: "notify", edgeId, to: effect.to });
        }
        break;
      }
      case "requestApproval":
        out.push({ kind: "requestApproval", ...named.params });
        break;
      case "notifyOwner":
        out.push({ kind: "notifyOwner", ...named.params });
        break;
      case "escalateToManager":
        out.push({ kind: "escalateToManager", ...named.params });
        break;
      case "timeLimitMove":
        out.push({ kind: "timeLimitMove", ...named.params });
        break;
    }
  }
  return out;
}
