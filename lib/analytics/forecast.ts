import { beijingMonth, beijingMonthKey, beijingMonthStart } from "./period";

/** Open deals now, by stage: count, amount, amount × the stage's win probability. */
export type OpenStageCell = { stage: string; deals: number; amount: number; weighted: number };

export type Pipeline = {
  deals: number;
  amount: number;
  weighted: number;
  byStage: OpenStageCell[];
};

export function weightedPipeline(cells: readonly OpenStageCell[], order: readonly string[]): Pipeline {
  const byStage = new Map<string, OpenStageCell>();
  for (const c of cells) {
    const s = byStage.get(c.stage) ?? { stage: c.stage, deals: 0, amount: 0, weighted: 0 };
    s.deals += c.deals;
    s.amount += c.amount;
    s.weighted += c.weighted;
    byStage.set(c.stage, s);
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const rows = [...byStage.values()].sort(
    (a, b) => rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage),
  );
  return {
    deals: rows.reduce((s, r) => s + r.deals, 0),
    amount: rows.reduce((s, r) => s + r.amount, 0),
    weighted: rows.reduce((s, r) => s + r.weighted, 0),
    byStage: rows,
  };
}

/** Open deals by expected close month ("YYYY-MM", null: no date). */
export type ExpectedCell = { month: string | null; deals: number; amount: number; weighted: number };
/** Won deals by Beijing month of their last close. */
export type WonCell = { month: string; deals: number; amount: number };

export type ForecastRow = {
  /** "YYYY-MM", "overdue" (expected before this month, still open) or "none" (no date). */
  month: string;
  deals: number;
  amount: number;
  weighted: number;
  wonDeals: number;
  wonAmount: number;
  /** won + weighted. */
  forecast: number;
};

/** How many months the forecast looks ahead, this one included. */
export const FORECAST_MONTHS = 6;

export function forecast(open: readonly ExpectedCell[], won: readonly WonCell[], now: Date): ForecastRow[] {
  const { year, month } = beijingMonth(now);
  const months = Array.from({ length: FORECAST_MONTHS }, (_, i) =>
    beijingMonthKey(beijingMonthStart(year, month + i)),
  );
  const rows = new Map<string, ForecastRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { month: key, deals: 0, amount: 0, weighted: 0, wonDeals: 0, wonAmount: 0, forecast: 0 };
      rows.set(key, r);
    }
    return r;
  };
  row("overdue");
  for (const m of months) row(m);
  row("none");
  for (const c of open) {
    const key = c.month === null ? "none" : c.month < months[0]! ? "overdue" : c.month;
    if (!rows.has(key)) continue; // beyond the horizon
    const r = row(key);
    r.deals += c.deals;
    r.amount += c.amount;
    r.weighted += c.weighted;
  }
  for (const w of won) {
    const r = rows.get(w.month);
    if (!r || !months.includes(w.month)) continue;
    r.wonDeals += w.deals;
    r.wonAmount += w.amount;
  }
  return [...rows.values()].map((r) => ({
    ...r,
    forecast: r.month === "overdue" || r.month === "none" ? r.weighted : r.wonAmount + r.weighted,
  }));
}
