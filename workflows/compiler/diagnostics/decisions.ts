import type { PipelineNode } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { edgesOutOf, type CompileContext } from "../context";
import { error, text } from "../diagnostic";
import { cap, joinLabels, nodeLabel, nodeName } from "../labels";
import { isDefaultBranch } from "../predicates";

const decisions = (ctx: CompileContext) =>
  ctx.definition.nodes.filter((n) => n.data.kind === "decision" && ctx.nodesById.get(n.id) === n);

const defaultsOf = (ctx: CompileContext, node: PipelineNode) =>
  edgesOutOf(ctx, node.id).filter(isDefaultBranch);

/** Decisions with no unconditional branch: a deal no condition matches would be stuck. */
export const decisionsWithoutDefault = (ctx: CompileContext): Diagnostic[] =>
  decisions(ctx)
    .filter((node) => defaultsOf(ctx, node).length === 0)
    .map((node) => {
      const label = nodeLabel(node);
      return error(
        "decisionWithoutDefault",
        text(
          `${label.zh}没有默认分支:所有条件都不满足时商机会停在这里。请添加一条不带条件的默认分支。`,
          `${cap(label).en} has no default branch, so a deal that meets none of its conditions would be stuck; add a branch without a condition.`,
        ),
        { nodeId: node.id },
      );
    });

/** Decisions with more than one unconditional branch: only the first could ever be taken. */
export const decisionsWithSeveralDefaults = (ctx: CompileContext): Diagnostic[] =>
  decisions(ctx).flatMap((node) => {
    const count = defaultsOf(ctx, node).length;
    if (count < 2) return [];
    const label = nodeLabel(node);
    return [
      error(
        "decisionMultipleDefaults",
        text(
          `${label.zh}有 ${count} 条默认分支(不带条件的连线),只能有一条。`,
          `${cap(label).en} has ${count} default branches (connections without a condition); it must have exactly one.`,
        ),
        { nodeId: node.id },
      ),
    ];
  });

/**
 * Loops made only of decisions: a deal entering one would be passed round forever without
 * anybody acting. One diagnostic per loop (strongly connected group), on its first decision.
 */
export function automaticLoops(ctx: CompileContext): Diagnostic[] {
  const ids = new Set(decisions(ctx).map((n) => n.id));
  const next = (id: string) => edgesOutOf(ctx, id).flatMap((e) => (ids.has(e.target) ? [e.target] : []));
  const reach = new Map<string, Set<string>>();
  for (const id of ids) {
    const seen = new Set<string>();
    const queue = next(id);
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i] as string;
      if (seen.has(at)) continue;
      seen.add(at);
      queue.push(...next(at));
    }
    reach.set(id, seen);
  }
  const grouped = new Set<string>();
  const out: Diagnostic[] = [];
  for (const node of decisions(ctx)) {
    if (grouped.has(node.id) || !reach.get(node.id)?.has(node.id)) continue;
    const loop = decisions(ctx).filter(
      (n) => n === node || (reach.get(node.id)?.has(n.id) && reach.get(n.id)?.has(node.id)),
    );
    for (const n of loop) grouped.add(n.id);
    const names = joinLabels(loop.map(nodeName));
    out.push(
      error(
        "automaticLoop",
        text(
          `判断${names.zh}构成了自动循环:商机会在其中无限流转。请在循环中加入一个阶段或审批。`,
          `The decisions ${names.en} form a loop that runs on its own, so a deal would go round forever; put a stage or an approval in it.`,
        ),
        { nodeId: node.id },
      ),
    );
  }
  return out;
}
