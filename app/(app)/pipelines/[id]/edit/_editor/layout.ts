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

/** Below this zoom a stage's name is hard to read. */
export const READABLE_ZOOM = 0.75;
const FIT_PADDING = 0.12;

export type Viewport = { x: number; y: number; zoom: number };
export type Box = { x: number; y: number; width: number; height: number };

/** The box around every node, from positions and the drawn sizes (no DOM measuring). */
export function definitionBounds(def: PipelineDefinition): Box | null {
  if (def.nodes.length === 0) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of def.nodes) {
    const size = NODE_SIZE[paletteKindOf(n)];
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + size.width);
    y1 = Math.max(y1, n.position.y + size.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Where the canvas opens, computed before anything is drawn: the whole process when it fits at a
 * readable zoom (never above 100 %), else a readable zoom from the process's left edge (the
 * minimap and "zoom to fit" show the whole). Knowing it up front lets a large process draw only
 * the nodes in view.
 */
export function openingViewport(def: PipelineDefinition, width: number, height: number): Viewport {
  const b = definitionBounds(def);
  if (!b || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const fit = Math.min(
    width / (b.width * (1 + 2 * FIT_PADDING)),
    height / (b.height * (1 + 2 * FIT_PADDING)),
    1,
  );
  if (fit >= READABLE_ZOOM) {
    return {
      x: width / 2 - (b.x + b.width / 2) * fit,
      y: height / 2 - (b.y + b.height / 2) * fit,
      zoom: fit,
    };
  }
  return {
    x: 48 - b.x * READABLE_ZOOM,
    y: height / 2 - (b.y + b.height / 2) * READABLE_ZOOM,
    zoom: READABLE_ZOOM,
  };
}

/** The ids of the nodes a viewport of `width` × `height` shows, at least in part. */
export function nodesInView(
  def: PipelineDefinition,
  view: Viewport,
  width: number,
  height: number,
): string[] {
  const left = -view.x / view.zoom;
  const top = -view.y / view.zoom;
  const right = left + width / view.zoom;
  const bottom = top + height / view.zoom;
  return def.nodes
    .filter((n) => {
      const size = NODE_SIZE[paletteKindOf(n)];
      return (
        n.position.x < right &&
        n.position.x + size.width > left &&
        n.position.y < bottom &&
        n.position.y + size.height > top
      );
    })
    .map((n) => n.id);
}
