import type { PipelineEdge } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { canonicalJson } from "../canonical-json";
import { conditionSet } from "../condition-set";
import { edgesOutOf, type CompileContext } from "../context";
import { text, warning } from "../diagnostic";
import { cap, edgeLabel, nodeLabel } from "../labels";
import * as N from "../number-set";

/** Whether every deal `later` accepts is already taken by one of the `earlier` branches. */
function covered(ctx: CompileContext, earlier: PipelineEdge[], later: PipelineEdge): boolean {
  const key = canonicalJson(later.condition);
  if (earlier.some((e) => canonicalJson(e.condition) === key)) return true;
  const fields = ctx.fieldsByKey;
  const set = later.condition && conditionSet(later.condition, fields);
  if (!set) return false;
  let numbers: N.NumberSet = N.EMPTY;
  let whenEmpty = false;
  for (const e of earlier) {
    const s = e.condition && conditionSet(e.condition, fields);
    if (!s || s.field !== set.field) continue;
    numbers = N.union(numbers, s.numbers);
    whenEmpty ||= s.whenEmpty;
  }
  const uncovered = N.intersect(set.numbers, N.complement(numbers));
  return uncovered.length === 0 && (!set.whenEmpty || whenEmpty);
}

/**
 * Decision branches that can never be taken because earlier branches (the first one that
 * holds wins) already take every deal they would: the admin probably ordered them wrongly.
 */
export function shadowedBranches(ctx: CompileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of ctx.definition.nodes) {
    if (node.data.kind !== "decision" || ctx.nodesById.get(node.id) !== node) continue;
    const branches = edgesOutOf(ctx, node.id).filter((e) => e.condition !== undefined);
    branches.forEach((edge, i) => {
      if (i === 0 || !covered(ctx, branches.slice(0, i), edge)) return;
      const label = nodeLabel(node);
      const branch = edgeLabel(ctx, edge);
      out.push(
        warning(
          "shadowedBranch",
          text(
            `${label.zh}的分支${branch.zh}永远不会被选中:排在它前面的分支已经接住了所有满足它条件的商机。请调整分支顺序或条件。`,
            `${cap(branch).en} of ${label.en} can never be taken: the branches before it already take every deal it would. Reorder the branches or change the conditions.`,
          ),
          { nodeId: node.id, edgeId: edge.id },
        ),
      );
    });
  }
  return out;
}
