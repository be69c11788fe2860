import type { FunnelSteps } from "./stages";
import type { StageTime } from "./time-in-stage";

/** Steps with fewer visits ended in a period are not judged. */
export const MIN_VISITS = 5;
/** Low conversion: this many points (0.10 = 10 points) below the steps' median pass rate. */
export const LOW_PASS_GAP = 0.1;
/** Slow: a median stay at this share of the time limit, or this breach rate. */
export const SLOW_LIMIT_SHARE = 0.8;
export const SLOW_BREACH_RATE = 0.25;
/** Slow without a limit: this many times the median of the other steps' medians. */
export const SLOW_RELATIVE = 2;
/** Worse: pass rate down this much, or median stay up this share, against the previous period. */
export const WORSE_PASS_DROP = 0.1;
export const WORSE_STAY_RISE = 0.3;

export type Bottleneck =
  | { stage: string; kind: "lowConversion"; passRate: number; medianPassRate: number; visits: number }
  | {
      stage: string;
      kind: "slow";
      p50: number;
      timeLimitS: number | null;
      breachRate: number;
      /** Without a limit: the median of the other steps' medians. */
      othersMedian: number | null;
      visits: number;
    }
  | {
      stage: string;
      kind: "worse";
      passRate: number;
      previousPassRate: number;
      p50: number;
      previousP50: number;
      visits: number;
      previousVisits: number;
    };

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The flags docs/analytics.md defines, over the funnel's open steps, each with the numbers
 * behind it. `limits` gives each step's time limit in seconds (the reference version's).
 */
export function bottlenecks(
  current: readonly StageTime[],
  previous: readonly StageTime[],
  steps: FunnelSteps,
  limits: (stage: string) => number | null,
): Bottleneck[] {
  const openSteps = steps.steps.filter((k) => k !== steps.won);
  const judged = current.filter((s) => openSteps.includes(s.key) && s.visits >= MIN_VISITS);
  const flags: Bottleneck[] = [];

  const rates = judged.map((s) => s.passRate ?? 0);
  const medianRate = median(rates);
  if (judged.length >= 2 && medianRate !== null) {
    const lowest = judged.reduce((a, b) => ((b.passRate ?? 0) < (a.passRate ?? 0) ? b : a));
    if ((lowest.passRate ?? 0) <= medianRate - LOW_PASS_GAP + 1e-9)
      flags.push({
        stage: lowest.key,
        kind: "lowConversion",
        passRate: lowest.passRate ?? 0,
        medianPassRate: medianRate,
        visits: lowest.visits,
      });
  }

  for (const s of judged) {
    if (s.p50 === null) continue;
    const limit = limits(s.key);
    const breachRate = s.breachRate ?? 0;
    let slow = breachRate >= SLOW_BREACH_RATE;
    let othersMedian: number | null = null;
    if (limit) slow ||= s.p50 >= SLOW_LIMIT_SHARE * limit;
    else {
      othersMedian = median(judged.filter((o) => o !== s && o.p50 !== null).map((o) => o.p50!));
      slow ||= othersMedian !== null && s.p50 >= SLOW_RELATIVE * othersMedian;
    }
    if (slow)
      flags.push({
        stage: s.key,
        kind: "slow",
        p50: s.p50,
        timeLimitS: limit,
        breachRate,
        othersMedian,
        visits: s.visits,
      });
  }

  for (const s of judged) {
    const p = previous.find((x) => x.key === s.key);
    if (!p || p.visits < MIN_VISITS || p.p50 === null || s.p50 === null) continue;
    const passDrop = (p.passRate ?? 0) - (s.passRate ?? 0);
    const stayRise = p.p50 > 0 ? s.p50 / p.p50 - 1 : 0;
    if (passDrop >= WORSE_PASS_DROP - 1e-9 || stayRise >= WORSE_STAY_RISE - 1e-9)
      flags.push({
        stage: s.key,
        kind: "worse",
        passRate: s.passRate ?? 0,
        previousPassRate: p.passRate ?? 0,
        p50: s.p50,
        previousP50: p.p50,
        visits: s.visits,
        previousVisits: p.visits,
      });
  }
  return flags;
}
