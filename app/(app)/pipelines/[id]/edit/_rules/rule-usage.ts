import type {
  Condition,
  LocalizedText,
  NamedRule,
  PipelineDefinition,
  ScoringRule,
} from "@/workflows/definition/schema";
import { ruleRefs } from "@/workflows/rules/rule-cycles";

/** Which named rules and scoring criteria refer to a rule (by their keys / ids). */
export function ruleReferences(
  key: string,
  rules: readonly NamedRule[],
  scoring?: ScoringRule,
): { rules: NamedRule[]; criteria: ScoringRule["criteria"] } {
  return {
    rules: rules.filter((r) => r.key !== key && ruleRefs(r.condition).includes(key)),
    criteria: (scoring?.criteria ?? []).filter((c) => ruleRefs(c.when).includes(key)),
  };
}

/** Every rule a condition refers to, however deep (a `not` or a group). */
const refsOf = (condition: Condition | undefined) => (condition ? ruleRefs(condition) : []);

/**
 * The places outside the named rules that use each rule, as the reader should see them: action
 * and branch conditions, notification conditions and scoring criteria. NamedRulesEditor's `usedBy`.
 */
export function ruleUsedBy(
  definition: Pick<PipelineDefinition, "nodes" | "edges" | "scoring">,
  pick: (text: LocalizedText) => string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (keys: string[], where: string) => {
    for (const key of new Set(keys)) (out[key] ??= []).push(where);
  };
  const name = (id: string) => {
    const node = definition.nodes.find((n) => n.id === id);
    return node ? pick(node.data.name) : id;
  };
  for (const edge of definition.edges) {
    const where = edge.action ? pick(edge.action.name) : `${name(edge.source)} → ${name(edge.target)}`;
    add(refsOf(edge.condition), where);
    for (const effect of edge.effects ?? []) if (effect.kind === "notify") add(refsOf(effect.when), where);
  }
  for (const c of definition.scoring?.criteria ?? []) add(refsOf(c.when), pick(c.label));
  return out;
}
