import type { PipelineEdge } from "@/workflows/definition/schema";
import type { CompileContext } from "../context";
import { isLostStage, type StageNode } from "../predicates";

/**
 * The fields an action needs before it fires: the edge's own, then the source stage's
 * (which gate leaving it forwards, so not when the action closes the deal lost), each once,
 * in the order they were declared.
 */
export function requiredFieldsOf(ctx: CompileContext, edge: PipelineEdge, source: StageNode): string[] {
  const stageFields = isLostStage(ctx.nodesById.get(edge.target)) ? [] : source.data.requiredFields;
  return [...new Set([...(edge.requiredFields ?? []), ...stageFields])];
}

/** The exit-checklist items an action needs ticked: the source stage's, unless it closes the deal lost. */
export function requiredChecklistOf(ctx: CompileContext, edge: PipelineEdge, source: StageNode): string[] {
  return isLostStage(ctx.nodesById.get(edge.target)) ? [] : source.data.exitChecklist.map((i) => i.id);
}
