import type { LocalizedText, ScoringRule } from "@/workflows/definition/schema";
import { evaluateCondition, type EvalContext } from "./evaluate";

/*
 * The priority score: the points of every criterion that holds, clamped to 0–100, then the
 * thresholds turn it into A/B/C/D.
 */

/** Priority letters, best first. */
export type Priority = "A" | "B" | "C" | "D";

/** One scoring criterion as applied to a deal: `earned` is `points` when it holds, else 0. */
export type CriterionResult = {
  id: string;
  label: LocalizedText;
  points: number;
  earned: number;
  pass: boolean;
};

/** A deal's score, its priority and how each criterion contributed. */
export type ScoreResult = { score: number; priority: Priority; criteria: CriterionResult[] };

/** Score ≥ a → A, ≥ b → B, ≥ c → C, else D. */
export function priorityFor(score: number, thresholds: ScoringRule["thresholds"]): Priority {
  if (score >= thresholds.a) return "A";
  if (score >= thresholds.b) return "B";
  if (score >= thresholds.c) return "C";
  return "D";
}

const clampScore = (points: number) => Math.min(100, Math.max(0, Math.round(points)));

/**
 * Scores a deal: an integer 0–100 (points over 100 count as 100) and its priority letter.
 * Criteria are evaluated like any condition, so a criterion naming an unknown field earns nothing.
 */
export function scoreDeal(scoring: ScoringRule, ctx: EvalContext): ScoreResult {
  const criteria = scoring.criteria.map((criterion): CriterionResult => {
    const { pass } = evaluateCondition(criterion.when, ctx);
    const points = Number.isFinite(criterion.points) ? criterion.points : 0;
    return { id: criterion.id, label: criterion.label, points, earned: pass ? points : 0, pass };
  });
  const score = clampScore(criteria.reduce((sum, c) => sum + c.earned, 0));
  return { score, priority: priorityFor(score, scoring.thresholds), criteria };
}
