import type { NodeData, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";

/** A node whose data is of one kind. */
export type NodeOf<K extends NodeData["kind"]> = PipelineNode & { data: Extract<NodeData, { kind: K }> };
export type StageNode = NodeOf<"stage">;

/** Is this node a stage (of any outcome)? */
export const isStage = (node: PipelineNode): node is StageNode => node.data.kind === "stage";

/** Is this a won or lost stage, where a deal's journey ends? */
export const isClosedStage = (node: PipelineNode): node is StageNode =>
  isStage(node) && node.data.outcome !== "open";

/** Is this a stage a deal can still be worked in? */
export const isOpenStage = (node: PipelineNode): node is StageNode =>
  isStage(node) && node.data.outcome === "open";

/** Is this a stage with outcome "lost"? */
export const isLostStage = (node: PipelineNode | undefined): boolean =>
  node !== undefined && isStage(node) && node.data.outcome === "lost";

/**
 * Is this decision edge the one taken when no other applies? A default is unconditional:
 * an edge labelled "default" that also carries a condition is a conditional branch.
 */
export const isDefaultBranch = (edge: PipelineEdge): boolean => edge.condition === undefined;
