import type {
  Condition,
  Effect,
  LocalizedText,
  OwnerRule,
  PipelineDefinition,
} from "@/workflows/definition/schema";

/*
 * "Where is field X used?": before a field or an option is deleted or retyped, the designer
 * lists every place in the definition that names it, so nothing breaks silently.
 */

/** The kinds of place a field can be used; the designer words each one. */
export type UsageKind =
  | "stageRequired"
  | "actionRequired"
  | "actionCondition"
  | "effect"
  | "notifyCondition"
  | "rule"
  | "scoring"
  | "owner"
  | "assignment";

/** One place that names a field; `name` says which stage, action, rule or criterion. */
export type Usage = { kind: UsageKind; name: LocalizedText; nodeId?: string; edgeId?: string };

type Comparison = Extract<Condition, { field: string }>;

/** Every comparison of a condition, in tree order. */
export function comparisons(condition: Condition | undefined): Comparison[] {
  if (!condition || typeof condition !== "object") return [];
  if ("all" in condition) return condition.all.flatMap(comparisons);
  if ("any" in condition) return condition.any.flatMap(comparisons);
  if ("not" in condition) return comparisons(condition.not);
  if ("rule" in condition) return [];
  return [condition];
}

/** Whether a condition compares this field (and, with `option`, names this option of it). */
function mentions(condition: Condition | undefined, field: string, option?: string): boolean {
  return comparisons(condition).some(
    (c) =>
      c.field === field &&
      (option === undefined || (Array.isArray(c.value) ? c.value.includes(option) : c.value === option)),
  );
}

function ownerUses(rule: OwnerRule | undefined, field: string, option?: string): boolean {
  if (rule?.kind !== "byField" || rule.field !== field) return false;
  return option === undefined || Object.hasOwn(rule.teams, option);
}

function effectUses(
  effect: Effect,
  field: string,
  option?: string,
): "effect" | "notifyCondition" | "owner" | null {
  if (effect.kind === "setField" && effect.field === field) {
    return option === undefined || effect.value === option ? "effect" : null;
  }
  if (effect.kind === "notify" && mentions(effect.when, field, option)) return "notifyCondition";
  if (effect.kind === "assignOwner" && ownerUses(effect.rule, field, option)) return "owner";
  return null;
}

/**
 * Every place the definition uses a field, or one option of a select field when `option` is
 * given: required fields, conditions, effects, named rules, scoring criteria and owner rules.
 */
export function fieldUsages(
  definition: Pick<PipelineDefinition, "nodes" | "edges" | "rules" | "scoring" | "assignment">,
  field: string,
  option?: string,
): Usage[] {
  const out: Usage[] = [];
  const nodeName = new Map(definition.nodes.map((n) => [n.id, n.data.name]));
  for (const node of definition.nodes) {
    const name = node.data.name;
    if (node.data.kind !== "stage") continue;
    if (option === undefined && node.data.requiredFields?.includes(field)) {
      out.push({ kind: "stageRequired", name, nodeId: node.id });
    }
    if (ownerUses(node.data.owner, field, option)) out.push({ kind: "owner", name, nodeId: node.id });
  }
  for (const edge of definition.edges) {
    const from = nodeName.get(edge.source);
    const to = nodeName.get(edge.target);
    const name = edge.action?.name ?? {
      zh: `${from?.zh ?? edge.source} → ${to?.zh ?? edge.target}`,
      en: `${from?.en ?? edge.source} → ${to?.en ?? edge.target}`,
    };
    const at = { name, edgeId: edge.id };
    if (option === undefined && edge.requiredFields?.includes(field))
      out.push({ kind: "actionRequired", ...at });
    if (mentions(edge.condition, field, option)) out.push({ kind: "actionCondition", ...at });
    for (const effect of edge.effects ?? []) {
      const kind = effectUses(effect, field, option);
      if (kind) out.push({ kind, ...at });
    }
  }
  for (const rule of definition.rules ?? []) {
    if (mentions(rule.condition, field, option)) out.push({ kind: "rule", name: rule.name });
  }
  for (const criterion of definition.scoring?.criteria ?? []) {
    if (mentions(criterion.when, field, option)) out.push({ kind: "scoring", name: criterion.label });
  }
  if (ownerUses(definition.assignment, field, option)) {
    out.push({ kind: "assignment", name: { zh: "默认负责人", en: "Default owner" } });
  }
  return out;
}
