import type { FunnelSteps } from "./stages";
import type { Outcome } from "./visits";

/**
 * Deals grouped by what the funnel needs of them (the SQL groups by exactly these): the states
 * they ever rested in, their outcome and current stage. `deals` deals with `amount` in total.
 */
export type FunnelGroup = {
  reached: readonly string[];
  outcome: Outcome;
  stage: string;
  deals: number;
  amount: number;
};

export type FunnelStep = {
  key: string;
  /** Reached: entered this step or a later one (the won step: won now). */
  reached: number;
  amount: number;
  /** Deals that really entered the step. */
  entered: number;
  /** reached − entered: they jumped it. */
  skipped: number;
  /** Deals sitting in the stage now. */
  openHere: number;
  /** Lost deals whose furthest step is this one. */
  lostHere: number;
  /** reached ÷ the previous step's reached (the first step: ÷ deals); null when dividing by 0. */
  conversion: number | null;
  /** reached ÷ the first step's reached. */
  fromFirst: number | null;
};

export type Funnel = {
  deals: number;
  amount: number;
  won: number;
  lost: number;
  open: number;
  steps: FunnelStep[];
  side: { key: string; entered: number; amount: number; openHere: number }[];
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The index of the furthest step a group reached, −1 for none. A deal reaches the won step only
 * while it is won; a win undone by a reopen still means every open step was passed.
 */
export function furthestStep(group: Pick<FunnelGroup, "reached" | "outcome">, steps: FunnelSteps): number {
  const wonIndex = steps.won ? steps.steps.length - 1 : -1;
  let furthest = -1;
  for (const key of group.reached) {
    const i = steps.steps.indexOf(key);
    if (i < 0) continue;
    furthest = Math.max(furthest, i === wonIndex && group.outcome !== "won" ? i - 1 : i);
  }
  if (group.outcome === "won" && wonIndex >= 0) furthest = wonIndex;
  return furthest;
}

/** The funnel of a scope, from its deals grouped (see `FunnelGroup`). */
export function funnel(groups: readonly FunnelGroup[], steps: FunnelSteps): Funnel {
  const n = steps.steps.length;
  const wonIndex = steps.won ? n - 1 : -1;
  const rows = steps.steps.map((key) => ({
    key,
    reached: 0,
    amount: 0,
    entered: 0,
    openHere: 0,
    lostHere: 0,
  }));
  const side = steps.side.map((key) => ({ key, entered: 0, amount: 0, openHere: 0 }));
  const total = { deals: 0, amount: 0, won: 0, lost: 0, open: 0 };
  for (const g of groups) {
    total.deals += g.deals;
    total.amount += g.amount;
    total[g.outcome] += g.deals;
    const furthest = furthestStep(g, steps);
    for (let i = 0; i <= furthest; i++) {
      rows[i]!.reached += g.deals;
      rows[i]!.amount += g.amount;
    }
    rows.forEach((row, i) => {
      const entered = i === wonIndex ? g.outcome === "won" : g.reached.includes(row.key);
      if (entered) row.entered += g.deals;
      if (g.outcome === "open" && g.stage === row.key) row.openHere += g.deals;
    });
    if (g.outcome === "lost" && furthest >= 0) rows[furthest]!.lostHere += g.deals;
    for (const s of side) {
      if (g.reached.includes(s.key)) {
        s.entered += g.deals;
        s.amount += g.amount;
      }
      if (g.outcome === "open" && g.stage === s.key) s.openHere += g.deals;
    }
  }
  const first = rows[0]?.reached ?? 0;
  return {
    ...total,
    steps: rows.map((row, i) => ({
      ...row,
      skipped: row.reached - row.entered,
      conversion: ratio(row.reached, i === 0 ? total.deals : rows[i - 1]!.reached),
      fromFirst: ratio(row.reached, first),
    })),
    side,
  };
}
