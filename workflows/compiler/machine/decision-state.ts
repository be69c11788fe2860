import type { CompiledState } from "@/workflows/machine/format";
import { edgesOutOf, type CompileContext } from "../context";
import { isDefaultBranch, type NodeOf } from "../predicates";
import type { BuiltState } from "./stage-state";
import { branchTransition } from "./transitions";

/** A decision: passes straight on along the first branch whose condition holds, else the default. */
export function decisionState(ctx: CompileContext, node: NodeOf<"decision">): BuiltState {
  const edges = edgesOutOf(ctx, node.id);
  const ordered = [...edges.filter((e) => !isDefaultBranch(e)), ...edges.filter(isDefaultBranch)];
  const state: CompiledState = {
    tags: ["decision"],
    meta: { nodeId: node.id, kind: "decision", name: node.data.name },
    always: ordered.map((edge) => branchTransition(ctx, edge)),
  };
  return { state, delays: {} };
}
