import type { FieldDef, PipelineDefinition, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";

/**
 * What every compiler step reads: the parsed definition plus lookups built once. Edges
 * whose source or target is not a node are left out of `outEdges` / `inEdges` (the
 * `danglingEdge` check reports them), so graph walks never meet a missing node.
 */
export type CompileContext = {
  definition: PipelineDefinition;
  /** First node with each id, in definition order. */
  nodesById: ReadonlyMap<string, PipelineNode>;
  /** Edges between existing nodes, by source id, in definition order. */
  outEdges: ReadonlyMap<string, readonly PipelineEdge[]>;
  /** Edges between existing nodes, by target id, in definition order. */
  inEdges: ReadonlyMap<string, readonly PipelineEdge[]>;
  fieldsByKey: ReadonlyMap<string, FieldDef>;
  /** The node deals start in, when one could be found. */
  start: PipelineNode | null;
};

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Builds the lookups of a parsed definition; `start` is filled in later by `findStart`. */
export function createContext(definition: PipelineDefinition): CompileContext {
  const nodesById = new Map<string, PipelineNode>();
  for (const node of definition.nodes) if (!nodesById.has(node.id)) nodesById.set(node.id, node);
  const outEdges = new Map<string, PipelineEdge[]>();
  const inEdges = new Map<string, PipelineEdge[]>();
  for (const edge of definition.edges) {
    if (!nodesById.has(edge.source) || !nodesById.has(edge.target)) continue;
    push(outEdges, edge.source, edge);
    push(inEdges, edge.target, edge);
  }
  const fieldsByKey = new Map<string, FieldDef>();
  for (const field of definition.fields) if (!fieldsByKey.has(field.key)) fieldsByKey.set(field.key, field);
  return { definition, nodesById, outEdges, inEdges, fieldsByKey, start: null };
}

/** Edges leaving `nodeId` (between existing nodes), in definition order. */
export const edgesOutOf = (ctx: CompileContext, nodeId: string): readonly PipelineEdge[] =>
  ctx.outEdges.get(nodeId) ?? [];

/** Edges entering `nodeId` (between existing nodes), in definition order. */
export const edgesInto = (ctx: CompileContext, nodeId: string): readonly PipelineEdge[] =>
  ctx.inEdges.get(nodeId) ?? [];

/**
 * A stage's edges grouped by action key (keys in order of first appearance, edges in definition
 * order). Edges without an action are left out: `missingAction` reports them.
 */
export function edgesByAction(ctx: CompileContext, nodeId: string): Map<string, PipelineEdge[]> {
  const groups = new Map<string, PipelineEdge[]>();
  for (const edge of edgesOutOf(ctx, nodeId)) {
    if (!edge.action) continue;
    const group = groups.get(edge.action.key);
    if (group) group.push(edge);
    else groups.set(edge.action.key, [edge]);
  }
  return groups;
}
