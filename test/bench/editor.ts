import { performance } from "node:perf_hooks";
import { compile } from "@/workflows/compiler";
import type { Diagnostic } from "@/workflows/machine/format";
import { longPipeline } from "./engine";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * What the editor does in the browser after one edit of a 300-node process: apply the edit,
 * recompile, and group the diagnostics by the node and edge they belong to (the badges).
 */
export function benchEditorLiveCheck(print: (n: string, v: number, u: string) => void) {
  let definition = longPipeline(298);
  if (definition.nodes.length !== 300) throw new Error("expected 300 nodes");
  compile(definition); // warm up
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
    const result = compile(definition);
    const badges = new Map<string, Diagnostic[]>();
    for (const d of result.diagnostics) {
      const key = d.nodeId ?? d.edgeId ?? "";
      badges.set(key, [...(badges.get(key) ?? []), d]);
    }
    times.push(performance.now() - t0);
    if (result.diagnostics.some((d) => d.severity === "error"))
      throw new Error("the 300-node pipeline should compile");
  }
  print("editor_live_check_300_nodes_ms", median(times), "ms");
}
