import type { CompiledState, CompiledTransition } from "@/workflows/machine/format";
import { edgesOutOf, type CompileContext } from "../context";
import type { NodeOf } from "../predicates";
import type { BuiltState } from "./built-state";
import { outcomeTransition } from "./transitions";

const OUTCOMES = ["approve", "reject"] as const;

/** An approval: asks its approver on entry, then waits for "approve" or "reject". */
export function approvalState(ctx: CompileContext, node: NodeOf<"approval">): BuiltState {
  const { data } = node;
  const approver = data.approver ?? null;
  const edges = edgesOutOf(ctx, node.id);
  const on: Record<string, CompiledTransition[]> = {};
  for (const outcome of OUTCOMES) {
    const transitions = edges
      .filter((edge) => edge.branch === outcome)
      .map((edge) => outcomeTransition(ctx, edge, outcome));
    if (transitions.length > 0) on[outcome] = transitions;
  }
  const state: CompiledState = {
    tags: ["approval"],
    meta: { nodeId: node.id, kind: "approval", name: data.name, approver },
    entry: [{ type: "requestApproval", params: { node: data.key, approver, notify: data.notifyApprover } }],
    ...(Object.keys(on).length > 0 && { on }),
  };
  return { state, delays: {} };
}
