import { histogramOf, mergeHistogram, percentile } from "./buckets";

/**
 * Deals whose last close falls in the period, grouped by outcome and sales-cycle bucket (creation
 * to last close): `deals` deals, `amount` their amounts, `cycleSum` their cycles in seconds.
 */
export type ClosedCell = {
  outcome: "won" | "lost";
  bucket: number;
  deals: number;
  amount: number;
  cycleSum: number;
};

export type Outcomes = {
  won: number;
  lost: number;
  /** won ÷ (won + lost), null with nothing closed. */
  winRate: number | null;
  wonAmount: number;
  lostAmount: number;
  /** won amount ÷ closed amount. */
  amountWinRate: number | null;
  /** Mean amount of the won deals. */
  averageWon: number | null;
  /** Sales cycle of the won deals, seconds: median (bucketed) and mean (exact). */
  cycleMedian: number | null;
  cycleMean: number | null;
};

export function outcomes(cells: readonly ClosedCell[]): Outcomes {
  let won = 0;
  let lost = 0;
  let wonAmount = 0;
  let lostAmount = 0;
  let cycleSum = 0;
  const hist = new Map<number, number>();
  for (const c of cells) {
    if (c.outcome === "won") {
      won += c.deals;
      wonAmount += c.amount;
      cycleSum += c.cycleSum;
      mergeHistogram(hist, c.bucket, c.deals);
    } else {
      lost += c.deals;
      lostAmount += c.amount;
    }
  }
  const closed = won + lost;
  return {
    won,
    lost,
    winRate: closed ? won / closed : null,
    wonAmount,
    lostAmount,
    amountWinRate: wonAmount + lostAmount > 0 ? wonAmount / (wonAmount + lostAmount) : null,
    averageWon: won ? wonAmount / won : null,
    cycleMedian: percentile(histogramOf(hist), 0.5),
    cycleMean: won ? cycleSum / won : null,
  };
}
