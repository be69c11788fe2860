import type { Diagnostic } from "@/workflows/machine/format";
import { edgesOutOf, type CompileContext } from "../context";
import { error, text, warning } from "../diagnostic";
import { cap, nodeLabel } from "../labels";
import { isClosedStage, isStage } from "../predicates";

/** Stage time limits that move the deal by an action the stage does not have. */
export function unknownTimeLimitActions(ctx: CompileContext): Diagnostic[] {
  return ctx.definition.nodes.filter(isStage).flatMap((stage) => {
    const keys = new Set(edgesOutOf(ctx, stage.id).flatMap((e) => (e.action ? [e.action.key] : [])));
    const label = nodeLabel(stage);
    return (stage.data.timeLimit?.then ?? []).flatMap((consequence) =>
      consequence.kind === "moveBy" && !keys.has(consequence.action) && stage.data.outcome === "open"
        ? [
            error(
              "unknownTimeLimitAction",
              text(
                `${label.zh}超时后要执行操作「${consequence.action}」,但该阶段没有这个操作。`,
                `When ${label.en} runs out of time it should take the action “${consequence.action}”, but the stage has no such action.`,
              ),
              { nodeId: stage.id },
            ),
          ]
        : [],
    );
  });
}

/**
 * Time limits on won or lost stages: a closed deal does not run out of time, so the limit is
 * left out of the machine. Reported under `edgeOutOfFinal` (nothing happens after a close).
 */
export function timeLimitsOnClosedStages(ctx: CompileContext): Diagnostic[] {
  return ctx.definition.nodes.filter(isClosedStage).flatMap((stage) => {
    if (!stage.data.timeLimit) return [];
    const label = nodeLabel(stage);
    return [
      warning(
        "edgeOutOfFinal",
        text(
          `${label.zh}已是终点,它的时限不会生效;请删除该时限。`,
          `${cap(label).en} closes the deal, so its time limit never applies; remove it.`,
        ),
        { nodeId: stage.id },
      ),
    ];
  });
}
