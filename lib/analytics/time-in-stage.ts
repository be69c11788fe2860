import { histogramOf, mergeHistogram, percentile } from "./buckets";
import type { FunnelSteps, StateKind } from "./stages";

/**
 * Visits that ended, counted by stage, next stage and stay bucket (what the monthly rollup and the
 * raw query both return): `visits` visits, `breached` of them over the time limit, `staySum`
 * their stays in seconds.
 */
export type StayCell = {
  stage: string;
  nextStage: string;
  bucket: number;
  visits: number;
  breached: number;
  staySum: number;
};

/** Visits going on now, by stage: how many, how many past their limit. */
export type OpenCell = { stage: string; visits: number; overdue: number };

export type ExitKind = "forward" | "back" | "side" | "lost";

export type StageTime = {
  key: string;
  /** Visits ended in the period. */
  visits: number;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  /** Mean stay, seconds. */
  mean: number | null;
  breached: number;
  breachRate: number | null;
  exits: Record<ExitKind, number>;
  /** Where the visits went, by next state. */
  nextStages: { key: string; visits: number }[];
  /** forward ÷ visits, for the funnel's steps only. */
  passRate: number | null;
  openNow: number;
  overdueNow: number;
};

/** Kind of a state, for telling a move forward from one back or aside. */
export type KindOf = (stage: string) => StateKind | undefined;

/**
 * Where an exit from `stage` to `next` goes: into a won stage or a later step (or an approval, a
 * step submitted for a decision) forward, into an earlier step back, into a lost stage lost,
 * anything else aside.
 */
export function exitKind(stage: string, next: string, steps: FunnelSteps, kindOf: KindOf): ExitKind {
  const kind = kindOf(next);
  if (kind === "won") return "forward";
  if (kind === "lost") return "lost";
  const from = steps.steps.indexOf(stage);
  const to = steps.steps.indexOf(next);
  if (from >= 0 && kind === "approval") return "forward";
  if (from >= 0 && to >= 0) return to > from ? "forward" : "back";
  return "side";
}

/**
 * Time in stage per state: the funnel's open steps first (process order), then side stages and
 * approvals that had visits. `stages` lists the states to show even without visits.
 */
export function timeInStage(
  cells: readonly StayCell[],
  open: readonly OpenCell[],
  steps: FunnelSteps,
  kindOf: KindOf,
): StageTime[] {
  type Acc = {
    hist: Map<number, number>;
    visits: number;
    breached: number;
    staySum: number;
    exits: Record<ExitKind, number>;
    next: Map<string, number>;
    openNow: number;
    overdueNow: number;
  };
  const acc = new Map<string, Acc>();
  const get = (key: string) => {
    let a = acc.get(key);
    if (!a) {
      a = {
        hist: new Map(),
        visits: 0,
        breached: 0,
        staySum: 0,
        exits: { forward: 0, back: 0, side: 0, lost: 0 },
        next: new Map(),
        openNow: 0,
        overdueNow: 0,
      };
      acc.set(key, a);
    }
    return a;
  };
  const openSteps = steps.steps.filter((k) => k !== steps.won);
  for (const key of [...openSteps, ...steps.side]) get(key);
  for (const c of cells) {
    const a = get(c.stage);
    mergeHistogram(a.hist, c.bucket, c.visits);
    a.visits += c.visits;
    a.breached += c.breached;
    a.staySum += c.staySum;
    a.exits[exitKind(c.stage, c.nextStage, steps, kindOf)] += c.visits;
    a.next.set(c.nextStage, (a.next.get(c.nextStage) ?? 0) + c.visits);
  }
  for (const o of open) {
    const a = get(o.stage);
    a.openNow += o.visits;
    a.overdueNow += o.overdue;
  }
  const order = (key: string) => {
    const i = openSteps.indexOf(key);
    if (i >= 0) return i;
    const s = steps.side.indexOf(key);
    return s >= 0 ? 100 + s : 1000;
  };
  return [...acc]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([key, a]) => {
      const hist = histogramOf(a.hist);
      return {
        key,
        visits: a.visits,
        p50: percentile(hist, 0.5),
        p75: percentile(hist, 0.75),
        p90: percentile(hist, 0.9),
        mean: a.visits ? a.staySum / a.visits : null,
        breached: a.breached,
        breachRate: a.visits ? a.breached / a.visits : null,
        exits: a.exits,
        nextStages: [...a.next]
          .map(([k, visits]) => ({ key: k, visits }))
          .sort((x, y) => y.visits - x.visits || x.key.localeCompare(y.key)),
        passRate: openSteps.includes(key) && a.visits ? a.exits.forward / a.visits : null,
        openNow: a.openNow,
        overdueNow: a.overdueNow,
      };
    });
}
