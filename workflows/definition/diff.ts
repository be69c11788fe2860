import { canonicalJson } from "@/workflows/compiler/canonical-json";
import type { FieldDef, PipelineDefinition, PipelineEdge, PipelineNode } from "./schema";

/** What changed in one collection: ids added, removed, and for those in both, which properties differ. */
export type DiffSet = { added: string[]; removed: string[]; changed: { id: string; changes: string[] }[] };

export type DefinitionDiff = {
  nodes: DiffSet;
  edges: DiffSet;
  fields: DiffSet;
  rulesChanged: boolean;
  scoringChanged: boolean;
  /** Definition-wide settings that differ: "name", "initialNodeId", "assignment". */
  settings: string[];
};

/** Properties a definition may leave out that mean the same as their default. */
const DEFAULTS: Record<string, unknown> = {
  requiredFields: [],
  exitChecklist: [],
  effects: [],
  notifyApprover: true,
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Names of the properties of `a` and `b` that differ, defaults filled in, in a stable order. */
function changedProps(a: Record<string, unknown>, b: Record<string, unknown>, skip: string[] = []) {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k)).sort();
  return keys.filter((k) => !same(a[k] ?? DEFAULTS[k], b[k] ?? DEFAULTS[k]));
}

function diffBy<T>(
  before: readonly T[],
  after: readonly T[],
  idOf: (item: T) => string,
  changes: (a: T, b: T) => string[],
): DiffSet {
  const was = new Map(before.map((item) => [idOf(item), item]));
  const now = new Map(after.map((item) => [idOf(item), item]));
  const changed: DiffSet["changed"] = [];
  for (const [id, b] of now) {
    const a = was.get(id);
    if (a === undefined) continue;
    const props = changes(a, b);
    if (props.length) changed.push({ id, changes: props });
  }
  return {
    added: [...now.keys()].filter((id) => !was.has(id)),
    removed: [...was.keys()].filter((id) => !now.has(id)),
    changed,
  };
}

/** A node's changes: its data's properties by name (kind, name, probability, …) and "position" on its own, so a pure move can be told apart. */
const nodeChanges = (a: PipelineNode, b: PipelineNode) => [
  ...changedProps(a.data as Record<string, unknown>, b.data as Record<string, unknown>),
  ...(same(a.position, b.position) ? [] : ["position"]),
];

const edgeChanges = (a: PipelineEdge, b: PipelineEdge) =>
  changedProps(a as Record<string, unknown>, b as Record<string, unknown>, ["id"]);

/**
 * Field changes by property (name, type, options, …); "order" when the field moved relative
 * to the fields both versions have.
 */
function fieldChanges(before: readonly FieldDef[], after: readonly FieldDef[]) {
  const common = (list: readonly FieldDef[], other: readonly FieldDef[]) => {
    const keys = new Set(other.map((f) => f.key));
    return list.filter((f) => keys.has(f.key)).map((f) => f.key);
  };
  const orderBefore = common(before, after);
  const orderAfter = common(after, before);
  return (a: FieldDef, b: FieldDef) => [
    ...changedProps(a as Record<string, unknown>, b as Record<string, unknown>),
    ...(orderBefore.indexOf(a.key) === orderAfter.indexOf(b.key) ? [] : ["order"]),
  ];
}

/** What changed from `before` to `after`: nodes and edges by id, fields by key, rules and scoring as a whole. */
export function diffDefinitions(before: PipelineDefinition, after: PipelineDefinition): DefinitionDiff {
  return {
    nodes: diffBy(before.nodes, after.nodes, (n) => n.id, nodeChanges),
    edges: diffBy(before.edges, after.edges, (e) => e.id, edgeChanges),
    fields: diffBy(before.fields, after.fields, (f) => f.key, fieldChanges(before.fields, after.fields)),
    rulesChanged: !same(before.rules ?? [], after.rules ?? []),
    scoringChanged: !same(before.scoring ?? null, after.scoring ?? null),
    settings: (["name", "initialNodeId", "assignment"] as const).filter((k) => !same(before[k], after[k])),
  };
}

/** Whether a diff holds any change at all (moves included). */
export const isEmptyDiff = (d: DefinitionDiff) =>
  [d.nodes, d.edges, d.fields].every((s) => !s.added.length && !s.removed.length && !s.changed.length) &&
  !d.rulesChanged &&
  !d.scoringChanged &&
  d.settings.length === 0;
