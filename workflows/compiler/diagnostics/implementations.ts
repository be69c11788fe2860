import {
  ACTION_NAMES,
  GUARD_NAMES,
  type CompiledMachine,
  type CompiledState,
  type CompiledTransition,
  type Diagnostic,
} from "@/workflows/machine/format";
import { error, text } from "../diagnostic";

/*
 * The last safety net: the machine only names guards, actions and delays the runtime's
 * registry has, and only targets states it defines. XState throws on a missing guard and fires
 * a missing named delay at once, so a compiler bug must surface here, not on a live deal.
 */

const GUARDS: ReadonlySet<string> = new Set(GUARD_NAMES);
const ACTIONS: ReadonlySet<string> = new Set(ACTION_NAMES);

const internal = (what: string, nodeId: string | undefined) =>
  error(
    "unknownImplementation",
    text(
      `编译器内部错误:${what}。请报告此问题。`,
      `Internal compiler error: ${what}. Please report this problem.`,
    ),
    nodeId === undefined ? {} : { nodeId },
  );

function transitionProblems(
  machine: CompiledMachine,
  transition: CompiledTransition,
  nodeId: string | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (transition.guard && !GUARDS.has(transition.guard.type))
    out.push(internal(`unknown guard “${transition.guard.type}”`, nodeId));
  for (const action of transition.actions ?? [])
    if (!ACTIONS.has(action.type)) out.push(internal(`unknown action “${action.type}”`, nodeId));
  if (transition.target !== undefined && !Object.hasOwn(machine.states, transition.target))
    out.push(internal(`unknown target state “${transition.target}”`, nodeId));
  return out;
}

function stateProblems(
  machine: CompiledMachine,
  state: CompiledState,
  delays: Record<string, number>,
  nodeIds: ReadonlySet<string>,
): Diagnostic[] {
  const nodeId = nodeIds.has(state.meta.nodeId) ? state.meta.nodeId : undefined;
  const transitions = [
    ...Object.values(state.on ?? {}).flat(),
    ...(state.always ?? []),
    ...Object.values(state.after ?? {}).flat(),
  ];
  const delayProblems = Object.keys(state.after ?? {}).flatMap((delay) => {
    const ms = delays[delay];
    return Object.hasOwn(delays, delay) && typeof ms === "number" && Number.isFinite(ms) && ms > 0
      ? []
      : [internal(`unknown delay “${delay}”`, nodeId)];
  });
  return [
    ...(state.entry ?? []).flatMap((a) =>
      ACTIONS.has(a.type) ? [] : [internal(`unknown action “${a.type}”`, nodeId)],
    ),
    ...transitions.flatMap((t) => transitionProblems(machine, t, nodeId)),
    ...delayProblems,
  ];
}

/**
 * Every guard, action, delay and target the machine names that the runtime could not resolve,
 * as `unknownImplementation` errors. `nodeIds` are the definition's node ids, so a diagnostic
 * only points at a node that exists.
 */
export function checkImplementations(
  machine: CompiledMachine,
  delays: Record<string, number>,
  nodeIds: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  const initial = Object.hasOwn(machine.states, machine.initial)
    ? []
    : [internal(`unknown initial state “${machine.initial}”`, undefined)];
  return [
    ...initial,
    ...Object.values(machine.states).flatMap((state) => stateProblems(machine, state, delays, nodeIds)),
  ];
}
