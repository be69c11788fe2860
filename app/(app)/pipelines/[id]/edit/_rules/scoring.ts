import type { Condition, FieldDef, NamedRule, ScoringRule } from "@/workflows/definition/schema";
import { ruleRefs } from "@/workflows/rules/rule-cycles";
import { comparisons } from "../_fields/usage";

/*
 * Pure helpers of the scoring editor: threshold checks, point totals and which fields the
 * "try it" form should ask for.
 */

/** What is wrong with the A/B/C thresholds: "range" (outside 0–100) or "order" (not A > B > C), or null. */
export function thresholdProblem(t: ScoringRule["thresholds"]): "range" | "order" | null {
  const all = [t.a, t.b, t.c];
  if (all.some((n) => !Number.isFinite(n) || n < 0 || n > 100)) return "range";
  return t.a > t.b && t.b > t.c ? null : "order";
}

/** The most points a deal can earn (criteria that exclude each other still both count here). */
export const totalPoints = (scoring: ScoringRule): number =>
  scoring.criteria.reduce((sum, c) => sum + (Number.isFinite(c.points) ? c.points : 0), 0);

/** The fields a set of conditions reads, following named rules, in the pipeline's field order. */
export function fieldsRead(conditions: Condition[], fields: FieldDef[], rules: NamedRule[]): FieldDef[] {
  const keys = new Set<string>();
  const seen = new Set<string>();
  const visit = (c: Condition) => {
    for (const row of comparisons(c)) keys.add(row.field);
    for (const ref of ruleRefs(c)) {
      const rule = rules.find((r) => r.key === ref);
      if (rule && !seen.has(ref)) {
        seen.add(ref);
        visit(rule.condition);
      }
    }
  };
  conditions.forEach(visit);
  return fields.filter((f) => keys.has(f.key));
}

/** A new scoring rule: no criteria yet, the default process's thresholds. */
export const emptyScoring = (): ScoringRule => ({ criteria: [], thresholds: { a: 80, b: 60, c: 40 } });
