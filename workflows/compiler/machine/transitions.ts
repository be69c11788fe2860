import type { PipelineEdge } from "@/workflows/definition/schema";
import type { CompiledAction, CompiledTransition } from "@/workflows/machine/format";
import type { CompileContext } from "../context";
import type { StageNode } from "../predicates";
import { requiredChecklistOf, requiredFieldsOf } from "./required-fields";

/** The state key of the edge's target (callers only pass edges between existing nodes). */
export const targetKey = (ctx: CompileContext, edge: PipelineEdge): string =>
  ctx.nodesById.get(edge.target)?.data.key ?? edge.target;

/** The edge's effects, as actions run when it is taken. */
export const effectActions = (edge: PipelineEdge): CompiledAction[] =>
  edge.effects.map((effect) => ({ type: "applyEffect", params: { edgeId: edge.id, effect } }));

/** Edges with a condition first, then those without, each group in definition order. */
export const conditionalFirst = (edges: readonly PipelineEdge[]): PipelineEdge[] => [
  ...edges.filter((e) => e.condition !== undefined),
  ...edges.filter((e) => e.condition === undefined),
];

/** A rep's action along an edge out of a stage, guarded by its required fields and condition. */
export function actionTransition(
  ctx: CompileContext,
  edge: PipelineEdge,
  source: StageNode,
): CompiledTransition {
  const requiredFields = requiredFieldsOf(ctx, edge, source);
  const checklist = requiredChecklistOf(ctx, edge, source);
  return {
    target: targetKey(ctx, edge),
    guard: {
      type: "edgeAllowed",
      params: {
        edgeId: edge.id,
        requiredFields,
        ...(checklist.length > 0 && { checklist }),
        ...(edge.condition !== undefined && { condition: edge.condition }),
      },
    },
    actions: effectActions(edge),
    meta: { edgeId: edge.id },
  };
}

/** A decision's branch: guarded by its condition, or the unguarded default. */
export function branchTransition(ctx: CompileContext, edge: PipelineEdge): CompiledTransition {
  const target = targetKey(ctx, edge);
  const actions = effectActions(edge);
  // The default branch (`isDefaultBranch`): no condition, so no guard.
  if (edge.condition === undefined) return { target, actions, meta: { edgeId: edge.id, branch: "default" } };
  return {
    target,
    guard: { type: "rule", params: { edgeId: edge.id, condition: edge.condition } },
    actions,
    meta: { edgeId: edge.id },
  };
}

/** An approval's outcome: taken when the approver approves or rejects. */
export const outcomeTransition = (
  ctx: CompileContext,
  edge: PipelineEdge,
  branch: "approve" | "reject",
): CompiledTransition => ({
  target: targetKey(ctx, edge),
  actions: effectActions(edge),
  meta: { edgeId: edge.id, branch },
});
