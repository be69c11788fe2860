import type { LocalizedText } from "@/workflows/definition/schema";
import { median, twoProportionTest, verdict, type ProportionTest, type Verdict } from "./significance";

/**
 * Pilot versus the rest: the figures of two groups of deals over the same period, from their
 * histories. Pure; the server picks the deals (the pilot version's, and the other teams' on other
 * versions of the pipeline, created while the pilot ran) and their stage moves.
 */

export type Outcome = "open" | "won" | "lost";

/** A deal as the comparison needs it: its amount, where it ended up, and its stage moves in time order. */
export type DealHistory = {
  amount: number | null;
  outcome: Outcome;
  /** Every stage change, oldest first; the first is where the deal started (`from` null). */
  moves: readonly { from: string | null; to: string; at: Date }[];
};

export type StageRef = { key: string; name: LocalizedText; outcome: Outcome };

export type StageFigures = {
  /** Deals that were in the stage at some time. */
  entered: number;
  /** Of those, deals that left it for a stage that is not a loss. */
  advanced: number;
  /** Median time spent in the stage, over the stays that ended (ms). */
  medianMs: number | null;
  /** How many stays ended (what the median is over). */
  stays: number;
};

export type GroupFigures = {
  deals: number;
  won: number;
  lost: number;
  /** Mean amount of the won deals that have one. */
  avgWonAmount: number | null;
  stages: Record<string, StageFigures>;
};

/** The figures of one group of deals, per open stage of `stages`. */
export function groupFigures(stages: readonly StageRef[], deals: readonly DealHistory[]): GroupFigures {
  const outcomeOf = new Map(stages.map((s) => [s.key, s.outcome]));
  const open = stages.filter((s) => s.outcome === "open");
  const entered = new Map(open.map((s) => [s.key, 0]));
  const advanced = new Map(open.map((s) => [s.key, 0]));
  const durations = new Map<string, number[]>(open.map((s) => [s.key, []]));
  let won = 0;
  let lost = 0;
  const wonAmounts: number[] = [];
  for (const deal of deals) {
    if (deal.outcome === "won") {
      won++;
      if (deal.amount !== null) wonAmounts.push(deal.amount);
    } else if (deal.outcome === "lost") lost++;
    const seen = new Set<string>();
    const moved = new Set<string>();
    let current: { key: string; since: Date } | null = null;
    for (const move of deal.moves) {
      if (current && move.from === current.key && move.to !== current.key) {
        durations.get(current.key)?.push(move.at.getTime() - current.since.getTime());
        // Leaving for anything but a loss moves the deal on (an approval node counts as on).
        if (outcomeOf.get(move.to) !== "lost") moved.add(current.key);
      }
      current = { key: move.to, since: move.at };
      if (entered.has(move.to)) seen.add(move.to);
    }
    for (const key of seen) entered.set(key, entered.get(key)! + 1);
    for (const key of moved) advanced.set(key, advanced.get(key)! + 1);
  }
  return {
    deals: deals.length,
    won,
    lost,
    avgWonAmount: wonAmounts.length ? wonAmounts.reduce((a, b) => a + b, 0) / wonAmounts.length : null,
    stages: Object.fromEntries(
      open.map((s) => [
        s.key,
        {
          entered: entered.get(s.key)!,
          advanced: advanced.get(s.key)!,
          medianMs: median(durations.get(s.key)!),
          stays: durations.get(s.key)!.length,
        },
      ]),
    ),
  };
}

export type Comparison = {
  pilot: GroupFigures;
  rest: GroupFigures;
  /** Won out of closed (won + lost), pilot against the rest. */
  winRate: ProportionTest;
  /** Per open stage, in order: who entered it and moved on, pilot against the rest. */
  stages: { key: string; name: LocalizedText; conversion: ProportionTest }[];
  /** The plain answer, from the win rate. */
  verdict: Verdict;
};

/** Pilot against the rest: per-stage conversion and time, win rate, amounts, and the verdict. */
export function comparePilot(
  stages: readonly StageRef[],
  pilot: readonly DealHistory[],
  rest: readonly DealHistory[],
): Comparison {
  const a = groupFigures(stages, pilot);
  const b = groupFigures(stages, rest);
  const winRate = twoProportionTest(a.won, a.won + a.lost, b.won, b.won + b.lost);
  return {
    pilot: a,
    rest: b,
    winRate,
    stages: stages
      .filter((s) => s.outcome === "open")
      .map((s) => ({
        key: s.key,
        name: s.name,
        conversion: twoProportionTest(
          a.stages[s.key]!.advanced,
          a.stages[s.key]!.entered,
          b.stages[s.key]!.advanced,
          b.stages[s.key]!.entered,
        ),
      })),
    verdict: verdict(winRate),
  };
}
