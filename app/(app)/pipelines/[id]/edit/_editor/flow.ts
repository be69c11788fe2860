import { Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import type { PipelineDefinition, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import type { ElementDiagnostics, LiveCheck } from "./live-check";
import { NODE_SIZE } from "./layout";
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

const HANDLE = 12; // the handles' drawn size (nodes.tsx: size-3)

/**
 * Each kind's size and handles (target on the left, source on the right, centred), as drawn.
 * React Flow uses them until a node is measured, so edges to a node that is not drawn yet (a
 * large process draws only the nodes in view) still end in the right place.
 */
const GEOMETRY = Object.fromEntries(
  Object.entries(NODE_SIZE).map(([kind, { width, height }]) => {
    const y = height / 2 - HANDLE / 2;
    const handles: NodeHandle[] = [
      { type: "target", position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
    ];
    if (kind !== "won" && kind !== "lost")
      handles.push({
        type: "source",
        position: Position.Right,
        x: width - HANDLE / 2,
        y,
        width: HANDLE,
        height: HANDLE,
      });
    return [kind, { initialWidth: width, initialHeight: height, handles }];
  }),
) as Record<PaletteKind, Pick<FlowNode, "initialWidth" | "initialHeight" | "handles">>;

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
    const kind = paletteKindOf(node);
    return {
      id: node.id,
      type: kind,
      position: node.position,
      ...GEOMETRY[kind],
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
