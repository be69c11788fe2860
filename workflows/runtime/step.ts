import { getMicrosteps, initialTransition, transition, type AnyMachineSnapshot } from "xstate";
import type { ApprovalMeta } from "@/workflows/machine/format";
import type { DealValues } from "@/workflows/rules";
import { toShellEffects } from "./effects";
import type { Program } from "./program";
import { checkCandidates, mayApprove, REFUSALS } from "./refusals";
import type { PipelineEvent } from "./registry";
import type { Actor, PersistedSnapshot, StepResult } from "./types";

const TIMER_EVENT = /^xstate\.after\./;

function stateOf(snapshot: AnyMachineSnapshot): string {
  return String(snapshot.value);
}

function persist(program: Program, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  // A pipeline machine has no context or children: its persisted snapshot is plain JSON already.
  return program.machine.getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot;
}

type Initial = {
  snapshot: AnyMachineSnapshot;
  actions: ReturnType<typeof initialTransition>[1];
  json: string;
};
const initials = new WeakMap<Program, Initial>();

/**
 * A machine's initial transition, worked out once per program: it takes no input and no clock, so
 * it is always the same (an import starts a hundred thousand deals with it).
 */
function initialOf(program: Program): Initial {
  let initial = initials.get(program);
  if (!initial) {
    const [snapshot, actions] = initialTransition(program.machine, undefined);
    initial = { snapshot, actions, json: JSON.stringify(persist(program, snapshot)) };
    initials.set(program, initial);
  }
  return initial;
}

/** The snapshot of a new deal: the initial stage, and the timers its entry starts. */
export function start(program: Program, input: { values: DealValues; now: Date }): StepResult & { ok: true } {
  const { snapshot, actions, json } = initialOf(program);
  const to = stateOf(snapshot);
  return {
    ok: true,
    // Each deal its own copy: callers own what they are given.
    snapshot: JSON.parse(json) as PersistedSnapshot,
    from: null,
    to,
    path: [to],
    effects: toShellEffects(program, actions, input.values, input.now, to),
    done: snapshot.status === "done",
  };
}

/**
 * Moves a deal by one action (or an approval decision, or a due timer event), purely:
 * the stored snapshot, the deal's values, who acts and when in; the next snapshot and
 * the effects to perform out — or every reason the action is refused.
 */
export function step(
  program: Program,
  input: {
    snapshot: PersistedSnapshot;
    values: DealValues;
    action: string;
    actor: Actor;
    now: Date;
    /** Exit-checklist items of the current stage the rep has ticked. */
    checked?: string[];
  },
): StepResult {
  const current = program.machine.resolveState(input.snapshot as never);
  const from = stateOf(current);
  const state = program.compiled.machine.states[from];
  const event: PipelineEvent = {
    type: input.action,
    values: input.values,
    checked: input.checked ?? [],
    now: input.now.toISOString(),
  };
  // Only a move through a decision or an approval passes states worth recording on the way.
  let throughNodes = false;

  if (TIMER_EVENT.test(input.action)) {
    // A timer for a stage the deal has left, or a limit already handled, changes nothing.
    const delay = Object.keys(state?.after ?? {}).find((d) => input.action.startsWith(`xstate.after.${d}.`));
    if (!delay || current.status === "done")
      return {
        ok: true,
        snapshot: input.snapshot,
        from,
        to: from,
        path: [],
        effects: [],
        done: current.status === "done",
      };
  } else {
    if (current.status === "done" || state?.type === "final")
      return { ok: false, reasons: [REFUSALS.closed] };
    const candidates = state?.on?.[input.action];
    if (!state || !candidates?.length) return { ok: false, reasons: [REFUSALS.unknownAction(input.action)] };
    if (state.meta.kind === "approval" && !mayApprove((state.meta as ApprovalMeta).approver, input.actor)) {
      return { ok: false, reasons: [REFUSALS.notApprover] };
    }
    const check = checkCandidates(program, candidates, input.values, input.now, input.checked);
    if (!check.passes) return { ok: false, reasons: check.reasons };
    const target = check.chosen?.target;
    throughNodes = target !== undefined && program.compiled.machine.states[target]?.meta.kind !== "stage";
  }

  const [next, actions] = transition(program.machine, current, event as never);
  const to = stateOf(next);
  // A timer that fired in its stage leaves the deal where it is: path [to] says it fired.
  const path = throughNodes
    ? getMicrosteps(program.machine, current, event as never).map(([s]) => stateOf(s))
    : [to];
  return {
    ok: true,
    snapshot: persist(program, next),
    from,
    to,
    path,
    effects: toShellEffects(program, actions, input.values, input.now, to),
    done: next.status === "done",
  };
}
