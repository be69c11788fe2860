import type { NodeKind, PipelineEdge } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import type { CompileContext } from "../context";
import { error, text } from "../diagnostic";
import { cap, edgeLabel, nodeLabel } from "../labels";
import { isClosedStage } from "../predicates";

/** Values that appear again after their first use, with the index of each repeat. */
function repeats<T>(items: readonly T[], keyOf: (item: T) => string): { item: T; first: T }[] {
  const seen = new Map<string, T>();
  const out: { item: T; first: T }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, item);
    else out.push({ item, first });
  }
  return out;
}

/** Two nodes (or edges, fields, rules) sharing what must identify them. */
export function duplicateKeys(ctx: CompileContext): Diagnostic[] {
  const { nodes, edges, fields, rules } = ctx.definition;
  return [
    ...repeats(nodes, (n) => n.id).map(({ item }) =>
      error(
        "duplicateKey",
        text(`有多个节点使用了同一个 id「${item.id}」。`, `Several nodes have the id “${item.id}”.`),
        { nodeId: item.id },
      ),
    ),
    ...repeats(nodes, (n) => n.data.key).map(({ item, first }) => {
      const a = nodeLabel(item);
      const b = nodeLabel(first);
      return error(
        "duplicateKey",
        text(
          `${a.zh}与${b.zh}使用了相同的标识「${item.data.key}」,标识必须唯一。`,
          `${cap(a).en} has the same key “${item.data.key}” as ${b.en}; keys must be unique.`,
        ),
        { nodeId: item.id },
      );
    }),
    ...repeats(edges, (e) => e.id).map(({ item }) =>
      error(
        "duplicateKey",
        text(`有多条连线使用了同一个 id「${item.id}」。`, `Several connections have the id “${item.id}”.`),
        { edgeId: item.id },
      ),
    ),
    ...repeats(fields, (f) => f.key).map(({ item }) =>
      error(
        "duplicateKey",
        text(`有多个字段使用了同一个标识「${item.key}」。`, `Several fields have the key “${item.key}”.`),
      ),
    ),
    ...repeats(rules, (r) => r.key).map(({ item }) =>
      error(
        "duplicateKey",
        text(`有多条规则使用了同一个标识「${item.key}」。`, `Several rules have the key “${item.key}”.`),
      ),
    ),
  ];
}

/** Edges whose source or target is not a node of the process. */
export function danglingEdges(ctx: CompileContext): Diagnostic[] {
  return ctx.definition.edges.flatMap((edge) => {
    const missing = [edge.source, edge.target].filter((id) => !ctx.nodesById.has(id));
    if (missing.length === 0) return [];
    const ids = [...new Set(missing)].join("、");
    const idsEn = [...new Set(missing)].join(", ");
    return [
      error(
        "danglingEdge",
        text(
          `连线「${edge.id}」连接的节点「${ids}」不存在,请删除或重新连接这条连线。`,
          `Connection “${edge.id}” is attached to “${idsEn}”, which is not in the process; delete or reconnect it.`,
        ),
        { edgeId: edge.id },
      ),
    ];
  });
}

/** Edges that leave a won or lost stage: a closed deal goes nowhere. */
export function edgesOutOfFinal(ctx: CompileContext): Diagnostic[] {
  return ctx.definition.nodes.filter(isClosedStage).flatMap((stage) =>
    (ctx.outEdges.get(stage.id) ?? []).map((edge) => {
      const label = nodeLabel(stage);
      return error(
        "edgeOutOfFinal",
        text(
          `${label.zh}是终点,不能再有连线离开它;请删除${edgeLabel(ctx, edge).zh}。`,
          `${cap(label).en} closes the deal, so nothing can leave it; delete the ${edgeLabel(ctx, edge).en}.`,
        ),
        { edgeId: edge.id },
      );
    }),
  );
}

/**
 * Which kinds of node are left by a rep's action (the others move on their own): the edge out
 * of a stage needs an action, the edge out of a decision or an approval must not have one.
 */
const LEFT_BY_ACTION: Record<NodeKind, boolean> = { stage: true, decision: false, approval: false };

/** Is the edge's action missing where a rep must fire it, or present where nobody can? */
function actionProblem(ctx: CompileContext, edge: PipelineEdge): Diagnostic | null {
  const source = ctx.nodesById.get(edge.source);
  if (!source || !ctx.nodesById.has(edge.target) || isClosedStage(source)) return null;
  const label = nodeLabel(source);
  const needsAction = LEFT_BY_ACTION[source.data.kind];
  if (needsAction && !edge.action)
    return error(
      "missingAction",
      text(
        `从${label.zh}出发的${edgeLabel(ctx, edge).zh}没有操作,销售无法执行它;请为它设置操作名称。`,
        `The ${edgeLabel(ctx, edge).en} out of ${label.en} has no action, so reps can't take it; give it an action.`,
      ),
      { edgeId: edge.id },
    );
  if (!needsAction && edge.action)
    return error(
      "missingAction",
      text(
        `${label.zh}之后的连线会自动执行,不能设置操作「${edge.action.name.zh}」;请删除该操作。`,
        `Connections out of ${label.en} fire on their own and can't have an action (“${edge.action.name.en}”); remove it.`,
      ),
      { edgeId: edge.id },
    );
  return null;
}

/** Stage edges without an action, and decision or approval edges with one. */
export const missingActions = (ctx: CompileContext): Diagnostic[] =>
  ctx.definition.edges.flatMap((edge) => actionProblem(ctx, edge) ?? []);
