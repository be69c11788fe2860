import type { diffDefinitions } from "@/workflows/definition/diff";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import type { DiffMark } from "./flow";

/*
 * Comparing two versions, computed on the server (the page) and drawn by the client: plain
 * functions, outside the "use client" modules, so the server may call them.
 */

type Diff = ReturnType<typeof diffDefinitions>;
type Part = { added: string[]; removed: string[]; changed: { id: string; changes: string[] }[] };

/** Every node and edge id of a diff with how it changed, for colouring the canvas. */
export function diffMarks(diff: Diff): Record<string, DiffMark> {
  const marks: Record<string, DiffMark> = {};
  for (const part of [diff.nodes, diff.edges] as Part[]) {
    for (const id of part.added) marks[id] = "added";
    for (const id of part.removed) marks[id] = "removed";
    for (const c of part.changed) marks[c.id] = "changed";
  }
  return marks;
}

/** after's definition plus before's removed nodes and edges, drawn as ghosts. */
export function mergeForCompare(
  before: PipelineDefinition,
  after: PipelineDefinition,
  diff: Diff,
): PipelineDefinition {
  const removedNodes = new Set((diff.nodes as Part).removed);
  const removedEdges = new Set((diff.edges as Part).removed);
  return {
    ...after,
    nodes: [...after.nodes, ...before.nodes.filter((n) => removedNodes.has(n.id))],
    edges: [...after.edges, ...before.edges.filter((e) => removedEdges.has(e.id))],
  };
}
