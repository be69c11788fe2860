import { graphlib, layout } from "@dagrejs/dagre";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { paletteKindOf } from "./model";

/** How big each kind of node draws (the canvas components use the same sizes). */
export const NODE_SIZE = {
  stage: { width: 184, height: 72 },
  won: { width: 152, height: 48 },
  lost: { width: 152, height: 48 },
  decision: { width: 88, height: 88 },
  approval: { width: 184, height: 60 },
} as const;

/** Lays the process out left to right (dagre); positions are the nodes' top-left corners, on a 16 px grid. */
export function autoLayout(def: PipelineDefinition): PipelineDefinition {
  const g = new graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 48, ranksep: 96, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of def.nodes) g.setNode(n.id, { ...NODE_SIZE[paletteKindOf(n)] });
  const ids = new Set(def.nodes.map((n) => n.id));
  for (const e of def.edges) {
    if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
  }
  layout(g);
  const snap = (v: number) => Math.round(v / 16) * 16;
  return {
    ...def,
    nodes: def.nodes.map((n) => {
      const placed = g.node(n.id);
      const size = NODE_SIZE[paletteKindOf(n)];
      return placed
        ? { ...n, position: { x: snap(placed.x - size.width / 2), y: snap(placed.y - size.height / 2) } }
        : n;
    }),
  };
}
