import type { Condition, NamedRule, ScoringRule } from "@/workflows/definition/schema";
import type { DealFieldValue } from "@/lib/server/db/schema";

/*
 * TEMPORARY: a minimal interpreter of definition conditions and scoring, just enough for the demo
 * seed to route deals the way the process would and to store plausible scores. Replace it with
 * the engine's rule interpreter (workflows/rules/) when that exists; do not import it elsewhere.
 */

export type Values = Record<string, DealFieldValue | undefined>;
const DAY = 86_400_000;

const isSet = (v: DealFieldValue | undefined) =>
  v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

function startOfDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}

function compare(value: DealFieldValue | undefined, op: string, operand: unknown, now: Date): boolean {
  if (op === "isSet") return isSet(value);
  if (op === "isEmpty") return !isSet(value);
  if (!isSet(value)) return op === "neq" || op === "notIn";
  const list = Array.isArray(operand) ? operand : [operand];
  switch (op) {
    case "eq":
      return value === operand;
    case "neq":
      return value !== operand;
    case "in":
      return Array.isArray(value) ? value.some((v) => list.includes(v)) : list.includes(value);
    case "notIn":
      return Array.isArray(value) ? !value.some((v) => list.includes(v)) : !list.includes(value);
    case "contains":
      return Array.isArray(value)
        ? value.includes(operand as string)
        : String(value).includes(String(operand));
    case "gt":
      return Number(value) > Number(operand);
    case "gte":
      return Number(value) >= Number(operand);
    case "lt":
      return Number(value) < Number(operand);
    case "lte":
      return Number(value) <= Number(operand);
    case "between":
      return Number(value) >= Number(list[0]) && Number(value) <= Number(list[1]);
    case "withinDays": {
      // From today up to `operand` days ahead; a date already past is not "within".
      const days = (Date.parse(String(value)) - startOfDay(now)) / DAY;
      return days >= 0 && days <= Number(operand);
    }
    default:
      throw new Error(`demo seed: unknown operator ${op}`);
  }
}

export function evaluate(condition: Condition, values: Values, rules: NamedRule[], now: Date): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluate(c, values, rules, now));
  if ("any" in condition) return condition.any.some((c) => evaluate(c, values, rules, now));
  if ("not" in condition) return !evaluate(condition.not, values, rules, now);
  if ("rule" in condition) {
    const rule = rules.find((r) => r.key === condition.rule);
    if (!rule) throw new Error(`demo seed: unknown rule ${condition.rule}`);
    return evaluate(rule.condition, values, rules, now);
  }
  return compare(values[condition.field], condition.op, condition.value, now);
}

export function score(
  scoring: ScoringRule,
  values: Values,
  rules: NamedRule[],
  now: Date,
): { score: number; priority: "A" | "B" | "C" | "D" } {
  const points = scoring.criteria
    .filter((c) => evaluate(c.when, values, rules, now))
    .reduce((sum, c) => sum + c.points, 0);
  const total = Math.min(100, points);
  const { a, b, c } = scoring.thresholds;
  return { score: total, priority: total >= a ? "A" : total >= b ? "B" : total >= c ? "C" : "D" };
}
