import { stayBucket, staySeconds } from "./buckets";
import { forecast, weightedPipeline, type ExpectedCell, type WonCell } from "./forecast";
import { funnel, type FunnelGroup } from "./funnel";
import { beijingMonthKey, type Period } from "./period";
import type { FunnelSteps } from "./stages";
import { outcomes, type ClosedCell } from "./outcomes";
import { timeInStage, type KindOf, type OpenCell, type StayCell } from "./time-in-stage";
import {
  factsOf,
  visitsOf,
  type DealFacts,
  type DealHead,
  type LogEvent,
  type StateLookup,
  type Visit,
} from "./visits";

/*
 * Every figure straight from deals and their event logs, in memory: the definition written as
 * plainly as possible. Tests check it against answers worked out by hand, and the SQL against it.
 */

export type LogDeal = DealHead & {
  id: string;
  createdAt: Date;
  amount: number | null;
  /** The Expected close field ("YYYY-MM-DD"), if set. */
  expectedClose?: string | null;
  events: LogEvent[];
};

export type FunnelMode = "cohort" | "active";

export type LogOptions = {
  lookup: StateLookup;
  steps: FunnelSteps;
  kindOf: KindOf;
  period: Period;
  mode: FunnelMode;
  now: Date;
};

const within = (at: Date, p: Period) => at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();

/** Whether a deal is in the funnel's population for the period. */
export function inPopulation(
  deal: { createdAt: Date },
  facts: Pick<DealFacts, "closedAt">,
  period: Period,
  mode: FunnelMode,
): boolean {
  if (mode === "cohort") return within(deal.createdAt, period);
  return (
    deal.createdAt.getTime() < period.to.getTime() &&
    (facts.closedAt === null || facts.closedAt.getTime() >= period.from.getTime())
  );
}

/** One visit's stay cell, if it ended in the period and is a stay that counts (not won or lost). */
export function stayCellOf(v: Visit, period: Period): StayCell | null {
  if (!v.leftAt || !v.nextStage || v.kind === "won" || v.kind === "lost" || !within(v.leftAt, period))
    return null;
  const stay = staySeconds(v.enteredAt, v.leftAt);
  return {
    stage: v.stage,
    nextStage: v.nextStage,
    bucket: stayBucket(stay),
    visits: 1,
    breached: v.timeLimitS !== null && stay > v.timeLimitS ? 1 : 0,
    staySum: stay,
  };
}

export function figuresFromLog(deals: readonly LogDeal[], o: LogOptions) {
  const groups: FunnelGroup[] = [];
  const stays: StayCell[] = [];
  const open: OpenCell[] = [];
  const closed: ClosedCell[] = [];
  const openStages: { stage: string; deals: number; amount: number; weighted: number }[] = [];
  const expected: ExpectedCell[] = [];
  const won: WonCell[] = [];
  for (const d of deals) {
    const visits = visitsOf(d.events, d, o.lookup);
    const facts = factsOf(visits, o.lookup);
    const amount = d.amount ?? 0;
    if (inPopulation(d, facts, o.period, o.mode))
      groups.push({ reached: facts.reached, outcome: facts.outcome, stage: facts.stage, deals: 1, amount });
    for (const v of visits) {
      const cell = stayCellOf(v, o.period);
      if (cell) stays.push(cell);
      if (!v.leftAt && (v.kind === "open" || v.kind === "approval"))
        open.push({
          stage: v.stage,
          visits: 1,
          overdue: v.timeLimitS !== null && staySeconds(v.enteredAt, o.now) > v.timeLimitS ? 1 : 0,
        });
    }
    if (facts.closedAt && facts.outcome !== "open" && within(facts.closedAt, o.period)) {
      const cycle = staySeconds(d.createdAt, facts.closedAt);
      closed.push({ outcome: facts.outcome, bucket: stayBucket(cycle), deals: 1, amount, cycleSum: cycle });
    }
    if (facts.outcome === "open") {
      const weighted = (amount * (facts.probability ?? 0)) / 100;
      openStages.push({ stage: facts.stage, deals: 1, amount, weighted });
      expected.push({
        month: d.expectedClose ? d.expectedClose.slice(0, 7) : null,
        deals: 1,
        amount,
        weighted,
      });
    }
    if (facts.outcome === "won" && facts.closedAt)
      won.push({ month: beijingMonthKey(facts.closedAt), deals: 1, amount });
  }
  return {
    funnel: funnel(groups, o.steps),
    timeInStage: timeInStage(stays, open, o.steps, o.kindOf),
    outcomes: outcomes(closed),
    pipeline: weightedPipeline(openStages, o.steps.steps),
    forecast: forecast(expected, won, o.now),
  };
}
