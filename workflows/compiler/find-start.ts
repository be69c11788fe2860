import type { PipelineNode } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { edgesInto, type CompileContext } from "./context";
import { error, text, warning } from "./diagnostic";
import { cap, nodeLabel } from "./labels";
import { isOpenStage } from "./predicates";

export type StartOutcome = { start: PipelineNode | null; diagnostics: Diagnostic[] };

/** Is this an open stage nothing leads into (a candidate start when none is set)? */
const isSourceStage = (ctx: CompileContext, node: PipelineNode) =>
  isOpenStage(node) && edgesInto(ctx, node.id).length === 0;

/**
 * The node new deals start in: the open stage `initialNodeId` names. When none is named and
 * exactly one open stage has nothing leading into it, that one is used, with a warning asking
 * the admin to say so explicitly.
 */
export function findStart(ctx: CompileContext): StartOutcome {
  const { initialNodeId } = ctx.definition;
  if (initialNodeId !== undefined) {
    const node = ctx.nodesById.get(initialNodeId);
    if (!node)
      return {
        start: null,
        diagnostics: [
          error(
            "noStart",
            text(
              `起始节点「${initialNodeId}」不存在,请重新选择起始阶段。`,
              `The start “${initialNodeId}” is not in the process; choose the start stage again.`,
            ),
          ),
        ],
      };
    if (!isOpenStage(node)) {
      const label = nodeLabel(node);
      return {
        start: null,
        diagnostics: [
          error(
            "noStart",
            text(
              `${label.zh}不能作为起点:新商机必须从一个进行中的阶段开始。`,
              `${cap(label).en} can't be the start: new deals must start in an open stage.`,
            ),
            { nodeId: node.id },
          ),
        ],
      };
    }
    return { start: node, diagnostics: [] };
  }

  const candidates = ctx.definition.nodes.filter(
    (node) => ctx.nodesById.get(node.id) === node && isSourceStage(ctx, node),
  );
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    const label = nodeLabel(only);
    return {
      start: only,
      diagnostics: [
        warning(
          "noStart",
          text(
            `未设置起始阶段,暂按${label.zh}作为起点;请在编辑器中明确设置起始阶段。`,
            `No start stage is set, so ${label.en} is used; set the start stage explicitly.`,
          ),
          { nodeId: only.id },
        ),
      ],
    };
  }
  return {
    start: null,
    diagnostics: [
      error(
        "noStart",
        text(
          "未设置起始阶段:请指定新商机从哪个阶段开始。",
          "No start stage is set: choose the stage new deals start in.",
        ),
      ),
    ],
  };
}
