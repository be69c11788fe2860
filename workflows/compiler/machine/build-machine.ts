import type { NodeKind, PipelineNode } from "@/workflows/definition/schema";
import type { CompiledMachine, CompiledState } from "@/workflows/machine/format";
import type { CompileContext } from "../context";
import type { NodeOf } from "../predicates";
import { approvalState } from "./approval-state";
import { decisionState } from "./decision-state";
import type { BuiltState } from "./built-state";
import { stageState } from "./stage-state";

type StateBuilders = { [K in NodeKind]: (ctx: CompileContext, node: NodeOf<K>) => BuiltState };

/** One state builder per node kind: a new kind does not compile until it has one. */
const STATE_BUILDERS: StateBuilders = {
  stage: stageState,
  decision: decisionState,
  approval: approvalState,
};

const buildState = (ctx: CompileContext, node: PipelineNode): BuiltState =>
  (STATE_BUILDERS[node.data.kind] as (ctx: CompileContext, node: PipelineNode) => BuiltState)(ctx, node);

export type BuiltMachine = { machine: CompiledMachine; delays: Record<string, number> };

/**
 * The machine of a definition whose node keys are unique, whose edges all connect nodes and
 * which has a start. States follow the definition's node order; positions never enter it.
 */
export function buildMachine(ctx: CompileContext, start: PipelineNode): BuiltMachine {
  const states: Record<string, CompiledState> = {};
  const delays: Record<string, number> = {};
  for (const node of ctx.definition.nodes) {
    const built = buildState(ctx, node);
    states[node.data.key] = built.state;
    Object.assign(delays, built.delays);
  }
  return { machine: { id: "pipeline", initial: start.data.key, states }, delays };
}
