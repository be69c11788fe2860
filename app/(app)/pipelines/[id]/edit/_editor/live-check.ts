import { diagnose } from "@/workflows/compiler";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";

/** The diagnostics about one node or edge, for its badge. */
export type ElementDiagnostics = { errors: number; warnings: number; items: Diagnostic[] };

export type LiveCheck = {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  byNode: ReadonlyMap<string, ElementDiagnostics>;
  byEdge: ReadonlyMap<string, ElementDiagnostics>;
};

function add(map: Map<string, ElementDiagnostics>, id: string, d: Diagnostic) {
  let entry = map.get(id);
  if (!entry) map.set(id, (entry = { errors: 0, warnings: 0, items: [] }));
  entry.items.push(d);
  if (d.severity === "error") entry.errors++;
  else entry.warnings++;
}

/**
 * What the editor runs on every change: the engine's own compiler, in the browser, and its
 * diagnostics grouped by the node and edge they point at (for the badges on the canvas).
 */
export function liveCheck(definition: PipelineDefinition): LiveCheck {
  const diagnostics = diagnose(definition);
  const byNode = new Map<string, ElementDiagnostics>();
  const byEdge = new Map<string, ElementDiagnostics>();
  let errors = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    if (d.edgeId !== undefined) add(byEdge, d.edgeId, d);
    else if (d.nodeId !== undefined) add(byNode, d.nodeId, d);
  }
  return { diagnostics, errors, warnings: diagnostics.length - errors, byNode, byEdge };
}
