import { beijingMonth, beijingMonthStart, type Period } from "./period";

/**
 * Targets (目标) and how they are doing: attainment and pace for a month or a quarter. Pure: the
 * actual figure comes in, the verdict goes out (docs/analytics.md, Targets).
 */

export const TARGET_METRICS = ["wonAmount", "dealsWon", "newQualified", "conversion"] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export const TARGET_PERIODS = ["month", "quarter"] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];
export type Pace = "onTrack" | "atRisk" | "behind";

/** A count or an amount at this share of where it should be by now is at risk, below it behind. */
export const AT_RISK_SHARE = 0.8;
/** A conversion rate at this share of its target is at risk, below it behind. */
export const AT_RISK_RATE_SHARE = 0.9;

/** The Beijing month or quarter starting on `start` ("YYYY-MM-01"). */
export function targetPeriod(kind: TargetPeriod, start: string): Period {
  const [y, m] = start.split("-").map(Number) as [number, number];
  return { from: beijingMonthStart(y, m - 1), to: beijingMonthStart(y, m - 1 + (kind === "month" ? 1 : 3)) };
}

/** The first day ("YYYY-MM-01") of the month or quarter `at` falls in, in Beijing. */
export function periodStartOf(kind: TargetPeriod, at: Date): string {
  const { year, month } = beijingMonth(at);
  const first = kind === "month" ? month : Math.floor(month / 3) * 3;
  return `${year}-${String(first + 1).padStart(2, "0")}-01`;
}

export type Attainment = {
  /** actual ÷ target (a rate target: the rate ÷ the target rate); null for a target of 0. */
  attainment: number | null;
  /** Share of the period gone by, 0–1. */
  elapsed: number;
  /** Where a count or an amount should be by now if it grew evenly; for rates the target itself. */
  expected: number;
  pace: Pace;
};

/**
 * How a target is doing at `now`. Counts and amounts are judged against the share of the period
 * gone by (half-way through the month, half the target is on track); a conversion rate against
 * the target rate itself. A period that is over is on track only if the target was met.
 */
export function attainmentOf(
  metric: TargetMetric,
  target: number,
  actual: number,
  period: Period,
  now: Date,
): Attainment {
  const span = period.to.getTime() - period.from.getTime();
  const elapsed = Math.min(1, Math.max(0, (now.getTime() - period.from.getTime()) / span));
  const attainment = target > 0 ? actual / target : null;
  if (metric === "conversion") {
    const pace = actual >= target ? "onTrack" : actual >= AT_RISK_RATE_SHARE * target ? "atRisk" : "behind";
    return { attainment, elapsed, expected: target, pace };
  }
  const expected = target * elapsed;
  const pace: Pace =
    actual >= expected ? "onTrack" : elapsed < 1 && actual >= AT_RISK_SHARE * expected ? "atRisk" : "behind";
  return { attainment, elapsed, expected, pace };
}
