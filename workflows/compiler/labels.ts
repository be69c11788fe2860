import type { LocalizedText, NodeKind, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import type { CompileContext } from "./context";
import { text } from "./diagnostic";

/*
 * How messages name the things an admin drew: 阶段「培育」 / stage “Nurture”. English labels
 * start lower-case; `cap` capitalises one that opens a sentence.
 */

const KIND_NAMES: Record<NodeKind, LocalizedText> = {
  stage: text("阶段", "stage"),
  decision: text("判断", "decision"),
  approval: text("审批", "approval"),
};

/** Capitalises the English text (for a label that starts a sentence). */
export const cap = (label: LocalizedText): LocalizedText => ({
  zh: label.zh,
  en: label.en.charAt(0).toUpperCase() + label.en.slice(1),
});

/** 阶段「培育」 / stage “Nurture”. */
export const nodeLabel = (node: PipelineNode): LocalizedText =>
  text(
    `${KIND_NAMES[node.data.kind].zh}「${node.data.name.zh}」`,
    `${KIND_NAMES[node.data.kind].en} “${node.data.name.en}”`,
  );

/** Just the node's name, in quotes: 「培育」 / “Nurture”. */
export const nodeName = (node: PipelineNode): LocalizedText =>
  text(`「${node.data.name.zh}」`, `“${node.data.name.en}”`);

const endName = (ctx: CompileContext, id: string): LocalizedText => {
  const node = ctx.nodesById.get(id);
  return node ? node.data.name : text(id, id);
};

/** 操作「签约」(商务谈判 → 赢单) / action “Close won” (Negotiation → Won), or 连线「…」 / connection “…”. */
export function edgeLabel(ctx: CompileContext, edge: PipelineEdge): LocalizedText {
  const from = endName(ctx, edge.source);
  const to = endName(ctx, edge.target);
  if (edge.action)
    return text(
      `操作「${edge.action.name.zh}」(${from.zh} → ${to.zh})`,
      `action “${edge.action.name.en}” (${from.en} → ${to.en})`,
    );
  return text(`连线「${from.zh} → ${to.zh}」`, `connection “${from.en} → ${to.en}”`);
}

/** Joins names with 、 / , for lists inside a message. */
export const joinLabels = (labels: readonly LocalizedText[]): LocalizedText =>
  text(labels.map((l) => l.zh).join("、"), labels.map((l) => l.en).join(", "));
