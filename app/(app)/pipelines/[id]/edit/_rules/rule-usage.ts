import type { NamedRule, ScoringRule } from "@/workflows/definition/schema";
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
