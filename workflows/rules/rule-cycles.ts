import type { NamedRule } from "@/workflows/definition/schema";

/*
 * Named rules as a graph: each rule points at the rules its condition refers to. The evaluator
 * guards against cycles at run time; this finds them ahead of time for the checker.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** The named rules a condition refers to directly. */
export function ruleRefs(condition: unknown): string[] {
  if (!isObject(condition)) return [];
  const list = (v: unknown) => (Array.isArray(v) ? v.flatMap(ruleRefs) : []);
  if ("all" in condition) return list(condition.all);
  if ("any" in condition) return list(condition.any);
  if ("not" in condition) return ruleRefs(condition.not);
  return "rule" in condition && typeof condition.rule === "string" ? [condition.rule] : [];
}

/** The first cycle reachable from a rule, as keys from where it closes ("a → b → a"); null if none. */
export function findRuleCycle(start: string, rules: NamedRule[]): string[] | null {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const stack: string[] = [];
  const clear = new Set<string>();
  const visit = (key: string): string[] | null => {
    const open = stack.indexOf(key);
    if (open >= 0) return [...stack.slice(open), key];
    const rule = byKey.get(key);
    if (!rule || clear.has(key)) return null;
    stack.push(key);
    for (const ref of ruleRefs(rule.condition)) {
      const cycle = visit(ref);
      if (cycle) return cycle;
    }
    stack.pop();
    clear.add(key);
    return null;
  };
  return visit(start);
}
