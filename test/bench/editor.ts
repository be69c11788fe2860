import { performance } from "node:perf_hooks";
import { liveCheck } from "@/app/(app)/pipelines/[id]/edit/_editor/live-check";
import { PipelineDefinition } from "@/workflows/definition/schema";
import { longPipeline } from "./engine";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What the editor does in the browser after one edit of a 300-node process: apply the edit,
 * recompile, and group the diagnostics by the node and edge they belong to (the badges).
 */
export function benchEditorLiveCheck(print: (n: string, v: number, u: string) => void) {
  // The editor holds the parsed definition (defaults filled in), so the bench does too.
  let definition = PipelineDefinition.parse(longPipeline(298));
  if (definition.nodes.length !== 300) throw new Error("expected 300 nodes");
  liveCheck(definition); // warm up
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const id = `s${(i * 37) % 298}`;
    definition = {
      ...definition,
      nodes: definition.nodes.map((n) =>
        n.id === id && n.data.kind === "stage" ? { ...n, data: { ...n.data, probability: 10 + i } } : n,
      ),
    };
    // The editor's own function: compile, then group the diagnostics per node and edge.
    const result = liveCheck(definition);
    times.push(performance.now() - t0);
    if (result.errors > 0) throw new Error("the 300-node pipeline should compile");
  }
  print("editor_live_check_300_nodes_ms", median(times), "ms");
}
