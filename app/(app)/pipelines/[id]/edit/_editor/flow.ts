import type { Edge, Node } from "@xyflow/react";
import type { PipelineDefinition, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import type { ElementDiagnostics, LiveCheck } from "./live-check";
import { paletteKindOf, type PaletteKind } from "./model";

/** How a node or edge differs from the version it is compared with. */
export type DiffMark = "added" | "removed" | "changed";

export type FlowNodeData = {
  node: PipelineNode;
  isStart: boolean;
  diagnostics?: ElementDiagnostics;
  diff?: DiffMark;
};
export type FlowNode = Node<FlowNodeData, PaletteKind>;

export type FlowEdgeData = {
  edge: PipelineEdge;
  sourceKind: PaletteKind;
  diagnostics?: ElementDiagnostics;
  diff?: DiffMark;
};
export type FlowEdge = Edge<FlowEdgeData, "pipeline">;

/**
 * The definition as React Flow nodes and edges. Selection and measured sizes live in React
 * Flow's copies, so they are carried over from `previous`; a node whose definition, badge and
 * selection did not change keeps its object, so React Flow skips re-rendering it.
 */
export function toFlowNodes(
  def: PipelineDefinition,
  check: LiveCheck | null,
  previous: readonly FlowNode[],
  marks?: ReadonlyMap<string, DiffMark>,
): FlowNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  return def.nodes.map((node) => {
    const old = prev.get(node.id);
    const diagnostics = check?.byNode.get(node.id);
    const isStart = def.initialNodeId === node.id;
    const diff = marks?.get(node.id);
    if (
      old &&
      old.data.node === node &&
      old.data.diagnostics === diagnostics &&
      old.data.isStart === isStart &&
      old.data.diff === diff
    )
      return old;
    return {
      id: node.id,
      type: paletteKindOf(node),
      position: node.position,
      data: { node, isStart, diagnostics, diff },
      ...(old?.selected !== undefined && { selected: old.selected }),
      ...(old?.measured && { measured: old.measured }),
    };
  });
}

export function toFlowEdges(
  def: PipelineDefinition,
  check: LiveCheck | null,
  previous: readonly FlowEdge[],
  marks?: ReadonlyMap<string, DiffMark>,
): FlowEdge[] {
  const prev = new Map(previous.map((e) => [e.id, e]));
  const kinds = new Map(def.nodes.map((n) => [n.id, paletteKindOf(n)]));
  return def.edges.map((edge) => {
    const old = prev.get(edge.id);
    const diagnostics = check?.byEdge.get(edge.id);
    const diff = marks?.get(edge.id);
    if (old && old.data?.edge === edge && old.data.diagnostics === diagnostics && old.data.diff === diff)
      return old;
    return {
      id: edge.id,
      type: "pipeline",
      source: edge.source,
      target: edge.target,
      data: { edge, sourceKind: kinds.get(edge.source) ?? "stage", diagnostics, diff },
      ...(old?.selected !== undefined && { selected: old.selected }),
    };
  });
}
