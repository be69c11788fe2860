import type { PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { edgesInto, edgesOutOf, type CompileContext } from "../context";
import { error, text } from "../diagnostic";
import { cap, nodeLabel } from "../labels";
import { isClosedStage, isOpenStage } from "../predicates";

/** Ids reached from `from` by following `next` (breadth first). */
function walk(
  from: readonly string[],
  next: (id: string) => readonly PipelineEdge[],
  end: "source" | "target",
) {
  const seen = new Set(from);
  const queue = [...from];
  for (let i = 0; i < queue.length; i++)
    for (const edge of next(queue[i] as string)) {
      const id = edge[end];
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  return seen;
}

/** Nodes of the definition, one per id (the first), in order. */
const uniqueNodes = (ctx: CompileContext) =>
  ctx.definition.nodes.filter((n) => ctx.nodesById.get(n.id) === n);

/** Is this an open stage with no way out at all? */
const isDeadEnd = (ctx: CompileContext, node: PipelineNode) =>
  isOpenStage(node) && edgesOutOf(ctx, node.id).length === 0;

/** Nodes no path from the start reaches. */
export function unreachableNodes(ctx: CompileContext): Diagnostic[] {
  if (!ctx.start) return [];
  const reached = walk([ctx.start.id], (id) => edgesOutOf(ctx, id), "target");
  return uniqueNodes(ctx)
    .filter((node) => !reached.has(node.id))
    .map((node) => {
      const label = nodeLabel(node);
      const why =
        edgesInto(ctx, node.id).length === 0
          ? text("没有任何操作通向它", "no action leads to it")
          : text("从起始阶段出发没有任何路径通向它", "no path leads to it from the start stage");
      return error(
        "unreachable",
        text(`${label.zh}无法到达:${why.zh}。`, `${cap(label).en} can't be reached: ${why.en}.`),
        {
          nodeId: node.id,
        },
      );
    });
}

/** Open stages without any edge out: deals would be stuck there. */
export const deadEnds = (ctx: CompileContext): Diagnostic[] =>
  uniqueNodes(ctx)
    .filter((node) => isDeadEnd(ctx, node))
    .map((node) => {
      const label = nodeLabel(node);
      return error(
        "deadEnd",
        text(
          `${label.zh}是死胡同:没有任何操作可以离开它,商机会停在这里。`,
          `${cap(label).en} is a dead end: no action leads out of it, so deals would be stuck there.`,
        ),
        { nodeId: node.id },
      );
    });

/**
 * Nodes from which no won or lost stage can be reached. Dead ends are left to `deadEnds`; a
 * process with no closing stage at all gets one diagnostic rather than one per node.
 */
export function noPathToClose(ctx: CompileContext): Diagnostic[] {
  const nodes = uniqueNodes(ctx);
  const closing = nodes.filter(isClosedStage).map((n) => n.id);
  if (nodes.length === 0) return [];
  if (closing.length === 0)
    return [
      error(
        "noPathToClose",
        text(
          "流程中没有赢单或输单阶段:商机将永远无法关闭。",
          "The process has no won or lost stage, so no deal could ever close.",
        ),
      ),
    ];
  const closes = walk(closing, (id) => edgesInto(ctx, id), "source");
  return nodes
    .filter((node) => !closes.has(node.id) && !isDeadEnd(ctx, node))
    .map((node) => {
      const label = nodeLabel(node);
      return error(
        "noPathToClose",
        text(
          `从${label.zh}出发无法到达赢单或输单阶段:商机将永远无法关闭。`,
          `No path leads from ${label.en} to a won or lost stage, so its deals could never close.`,
        ),
        { nodeId: node.id },
      );
    });
}
