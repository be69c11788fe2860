import { describe, expect, it } from "vitest";
import { toFlowNodes } from "@/app/(app)/pipelines/[id]/edit/_editor/flow";
import {
  NODE_SIZE,
  READABLE_ZOOM,
  autoLayout,
  definitionBounds,
  nodesInView,
  openingViewport,
} from "@/app/(app)/pipelines/[id]/edit/_editor/layout";
import { addNode, newNode } from "@/app/(app)/pipelines/[id]/edit/_editor/model";
import { blankProcess } from "@/workflows/templates/blank";
import { defaultProcess } from "@/workflows/templates/default-process";
import type { PipelineDefinition } from "@/workflows/definition/schema";

/** A straight line of `n` stages, 200 px apart, laid out as the editor would. */
function line(n: number): PipelineDefinition {
  let def: PipelineDefinition = { ...blankProcess, nodes: [], edges: [], initialNodeId: undefined };
  for (let i = 0; i < n; i++) def = addNode(def, newNode(def, "stage", { x: i * 200, y: 0 }));
  return def;
}

describe("where the canvas opens", () => {
  it("should show a small process whole, centred, at no more than 100 %", () => {
    const def = line(3); // 584 × 72
    const view = openingViewport(def, 1000, 600);
    expect(view.zoom).toBe(1);
    const b = definitionBounds(def)!;
    expect(b).toEqual({ x: 0, y: 0, width: 400 + NODE_SIZE.stage.width, height: NODE_SIZE.stage.height });
    // centred: the middle of the process lands in the middle of the canvas
    expect(view.x + (b.x + b.width / 2) * view.zoom).toBeCloseTo(500);
    expect(view.y + (b.y + b.height / 2) * view.zoom).toBeCloseTo(300);
    expect(nodesInView(def, view, 1000, 600)).toHaveLength(3);
  });

  it("should zoom out to fit a process that fits at a readable size", () => {
    const def = line(6); // 1184 px wide
    const view = openingViewport(def, 1000, 600);
    expect(view.zoom).toBeLessThan(1);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(nodesInView(def, view, 1000, 600)).toHaveLength(6);
  });

  it("should open a long process at a readable zoom from its left edge, showing only the first stages", () => {
    const def = line(300);
    const view = openingViewport(def, 1000, 600);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x).toBe(48); // the first stage starts 48 px from the canvas's left
    const shown = nodesInView(def, view, 1000, 600);
    expect(shown[0]).toBe(def.nodes[0]!.id);
    // 1000 px at 0.75 covers (1000 - 48) / 0.75 ≈ 1269 flow px: stages 0..6
    expect(shown).toHaveLength(7);
  });

  it("should open an empty process at 100 % without failing", () => {
    const def = { ...blankProcess, nodes: [], edges: [], initialNodeId: undefined };
    expect(openingViewport(def, 1000, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(nodesInView(def, { x: 0, y: 0, zoom: 1 }, 1000, 600)).toEqual([]);
  });

  it("should give every node its drawn size and handles, so edges to nodes not yet drawn end in place", () => {
    const def = autoLayout(defaultProcess);
    for (const node of toFlowNodes(def, null, [])) {
      const size = NODE_SIZE[node.type!];
      expect([node.initialWidth, node.initialHeight]).toEqual([size.width, size.height]);
      const target = node.handles!.find((h) => h.type === "target")!;
      expect(target.x + target.width! / 2).toBe(0); // centred on the left edge
      expect(target.y + target.height! / 2).toBe(size.height / 2);
      const source = node.handles!.find((h) => h.type === "source");
      if (node.type === "won" || node.type === "lost") expect(source).toBeUndefined();
      else expect(source!.x + source!.width! / 2).toBe(size.width);
    }
  });
});
