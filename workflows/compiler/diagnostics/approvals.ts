import type { PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { edgesOutOf, type CompileContext } from "../context";
import { error, text } from "../diagnostic";
import { cap, edgeLabel, nodeLabel } from "../labels";
import { isClosedStage } from "../predicates";

const OUTCOMES = [
  { branch: "approve", zh: "通过", en: "approve" },
  { branch: "reject", zh: "驳回", en: "reject" },
] as const;

const approvals = (ctx: CompileContext) =>
  ctx.definition.nodes.filter((n) => n.data.kind === "approval" && ctx.nodesById.get(n.id) === n);

/** Is this an approve / reject edge? */
const isOutcomeEdge = (edge: PipelineEdge) => edge.branch === "approve" || edge.branch === "reject";

/** Approvals nobody is asked to decide. */
export const approvalsWithoutApprover = (ctx: CompileContext): Diagnostic[] =>
  approvals(ctx).flatMap((node) => {
    if (node.data.kind !== "approval" || node.data.approver) return [];
    const label = nodeLabel(node);
    return [
      error(
        "approvalWithoutApprover",
        text(
          `${label.zh}没有设置审批人;请选择由谁审批。`,
          `${cap(label).en} has no approver; choose who approves.`,
        ),
        { nodeId: node.id },
      ),
    ];
  });

/** An approval needs exactly one approve and one reject edge, each without a condition. */
function approvalProblems(ctx: CompileContext, node: PipelineNode): Diagnostic[] {
  const label = nodeLabel(node);
  const edges = edgesOutOf(ctx, node.id);
  const counts = OUTCOMES.flatMap(({ branch, zh, en }) => {
    const count = edges.filter((e) => e.branch === branch).length;
    if (count === 1) return [];
    return [
      error(
        "approvalBranches",
        text(
          `${label.zh}需要恰好一条“${zh}”连线(现有 ${count} 条)。`,
          `${cap(label).en} needs exactly one “${en}” connection (it has ${count}).`,
        ),
        { nodeId: node.id },
      ),
    ];
  });
  const edgeProblems = edges.flatMap((edge) => {
    const name = edgeLabel(ctx, edge);
    if (!isOutcomeEdge(edge))
      return [
        error(
          "approvalBranches",
          text(
            `${label.zh}之后的${name.zh}必须标为“通过”或“驳回”。`,
            `The ${name.en} out of ${label.en} must be marked “approve” or “reject”.`,
          ),
          { edgeId: edge.id },
        ),
      ];
    if (edge.condition)
      return [
        error(
          "approvalBranches",
          text(
            `${label.zh}之后的${name.zh}不能带条件:走向由审批结果决定。`,
            `The ${name.en} out of ${label.en} can't have a condition: the approver's answer decides.`,
          ),
          { edgeId: edge.id },
        ),
      ];
    return [];
  });
  return [...counts, ...edgeProblems];
}

/** Approve / reject edges that do not leave an approval (only approvals are answered). */
function strayOutcomeEdges(ctx: CompileContext): Diagnostic[] {
  return ctx.definition.edges.flatMap((edge) => {
    const source = ctx.nodesById.get(edge.source);
    if (!source || source.data.kind === "approval" || isClosedStage(source) || !isOutcomeEdge(edge))
      return [];
    if (!ctx.nodesById.has(edge.target)) return [];
    const name = edgeLabel(ctx, edge);
    return [
      error(
        "approvalBranches",
        text(
          `${name.zh}不是从审批出发的,不能标为“通过”或“驳回”。`,
          `The ${name.en} doesn't leave an approval, so it can't be marked “approve” or “reject”.`,
        ),
        { edgeId: edge.id },
      ),
    ];
  });
}

/** Approvals without exactly one approve and one reject edge, and outcome marks elsewhere. */
export const approvalBranchProblems = (ctx: CompileContext): Diagnostic[] => [
  ...approvals(ctx).flatMap((node) => approvalProblems(ctx, node)),
  ...strayOutcomeEdges(ctx),
];
