import type { CompiledState } from "@/workflows/machine/format";
import { edgesOutOf, type CompileContext } from "../context";
import type { NodeOf } from "../predicates";
import type { BuiltState } from "./built-state";
import { branchTransition, conditionalFirst } from "./transitions";

/** A decision: passes straight on along the first branch whose condition holds, else the default. */
export function decisionState(ctx: CompileContext, node: NodeOf<"decision">): BuiltState {
  const state: CompiledState = {
    tags: ["decision"],
    meta: { nodeId: node.id, kind: "decision", name: node.data.name },
    always: conditionalFirst(edgesOutOf(ctx, node.id)).map((edge) => branchTransition(ctx, edge)),
  };
  return { state, delays: {} };
}
